// sim/scenario/validate.hpp: the cross-field rules, all in one function.
// Single values (types, bounds, codes) are checked as they are read
// (values.hpp); validate() checks what needs more than one value, and its
// messages quote the values involved.
//
// Rules, in the order checked:
//   districts    names unique; at least one in the area;
//   travel       links name known districts, not the same one twice, and
//                each pair once (in either direction);
//   settings     names unique; district known; min_age <= max_age; places
//                required unless unlimited, and not with unlimited; places
//                dates strictly ascending;
//   capital      project names unique; open: a whole new setting with a new
//                name, a known district, min_age <= max_age, no places of its
//                own and not unlimited; other actions name a setting of the
//                model or one a project opens; open, expand and reduce have
//                places above 0; redesignate min_age <= max_age;
//   demand/costs population growth names a known district (or none); policy
//                change dates and transport bands strictly ascending;
//   population   age_profile sums to 1 within 0.01;
//   mixes        no all-zero weights where a draw is made: the need mix of
//                every age band in which children are identified, requested,
//                seeded or move in; the placement mix of every need that can
//                be drawn; the age mixes of a non-zero initial stock and of
//                plans moving in;
//   references   a provision type with positive placement weight, and inmss
//                when the fallback or a wait limit sends children there, has
//                at least one setting of that type (counting settings that
//                projects open or change to that type);
//   coverage     every in-area district reaches, within
//                policy.max_travel_minutes over the travel graph (its own
//                district at 0 minutes), an in-area mainstream setting for
//                every academic age from 4 (Reception) to 25. Early years
//                (0-3) are not checked: their provision (nurseries,
//                childminders) is mostly outside the modelled settings, and an
//                early-years child with no mainstream setting is counted as
//                unplaced by the domain;
//   uncertainty  a parameter at most once; each entry at both ends of what
//                it draws (send::draw_range, clamped as a draw is), the other
//                parameters as written, keeps every rule above (the error is
//                at the entry's distribution and quotes the broken rule);
//   run          end_date after the model's start_date.
#pragma once

#include "scenario/values.hpp"
#include "send/model.hpp"

namespace sendsim::scenario {

/// Throws InputError at the first broken rule; `run` null for a bare model.
void validate(const send::Model& model, const send::RunSpec* run, const Locations& where);

}  // namespace sendsim::scenario

// sim/send/assessment_team.cpp: the assessment team's slots and queue (see
// assessment_team.hpp).
#include "send/assessment_team.hpp"

#include <algorithm>
#include <cmath>

namespace sendsim::send {

AssessmentTeam::AssessmentTeam(const Assessment& assessment)
    : assessment_(&assessment), slots_(assessment.assessors * assessment.caseload) {}

std::optional<std::uint32_t> AssessmentTeam::next_to_start() {
  if (queue_.empty() || in_work_ >= slots_) return std::nullopt;
  const std::uint32_t id = queue_.front();
  queue_.pop_front();
  return id;
}

void AssessmentTeam::withdraw(std::uint32_t id) {
  const auto it = std::find(queue_.begin(), queue_.end(), id);
  if (it != queue_.end()) queue_.erase(it);
}

bool AssessmentTeam::resize_for_year(int years) {
  if (assessment_ == nullptr || assessment_->assessors_growth == 0.0) return false;
  const double team = assessment_->assessors * std::pow(1.0 + assessment_->assessors_growth, years);
  // In a double, capped: decades of growth could pass int's range.
  const double slots = std::round(team) * assessment_->caseload;
  slots_ = static_cast<int>(std::clamp(slots, 0.0, 1e9));
  return true;
}

}  // namespace sendsim::send

// sim/batch/codec.hpp: replication results as bytes, for sending between
// ranks and keeping a cell's replications on disk (so --expand and --resume
// never recompute one). Native byte order and IEEE doubles bit for bit: a
// batch's ranks and its files are on machines of one architecture.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "send/results.hpp"

namespace sendsim::batch {

/// Appends the results to `out`: their count, then each as encode_result writes it.
void encode_results(std::string& out, const std::vector<send::ReplicationResult>& results);
/// Appends one replication's result to `out` (a part of encode_results' bytes).
void encode_result(std::string& out, const send::ReplicationResult& r);

/// Reads results written by encode_results from `in` at `pos` (advanced);
/// std::runtime_error when the bytes are short or malformed.
[[nodiscard]] std::vector<send::ReplicationResult> decode_results(std::string_view in, std::size_t& pos);

/// Plain fields, for the messages between ranks.
void put_u64(std::string& out, std::uint64_t v);
void put_string(std::string& out, std::string_view s);
[[nodiscard]] std::uint64_t get_u64(std::string_view in, std::size_t& pos);
[[nodiscard]] std::string get_string(std::string_view in, std::size_t& pos);

}  // namespace sendsim::batch

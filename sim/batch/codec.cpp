// sim/batch/codec.cpp: results <-> bytes.
#include "batch/codec.hpp"

#include <bit>
#include <cstring>

namespace sendsim::batch {

namespace {

[[noreturn]] void short_input() {
  throw std::runtime_error("replication results: truncated or malformed bytes");
}

void put_double(std::string& out, double v) { put_u64(out, std::bit_cast<std::uint64_t>(v)); }
double get_double(std::string_view in, std::size_t& pos) { return std::bit_cast<double>(get_u64(in, pos)); }

std::size_t get_count(std::string_view in, std::size_t& pos) {
  const std::uint64_t n = get_u64(in, pos);
  if (n > in.size()) short_input();  // every item takes at least a byte
  return static_cast<std::size_t>(n);
}

}  // namespace

void put_u64(std::string& out, std::uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}

void put_string(std::string& out, std::string_view s) {
  put_u64(out, s.size());
  out.append(s);
}

std::uint64_t get_u64(std::string_view in, std::size_t& pos) {
  if (in.size() < pos + 8) short_input();
  std::uint64_t v = 0;
  std::memcpy(&v, in.data() + pos, 8);
  pos += 8;
  return v;
}

std::string get_string(std::string_view in, std::size_t& pos) {
  const std::uint64_t n = get_u64(in, pos);
  if (in.size() - pos < n) short_input();
  std::string s(in.substr(pos, static_cast<std::size_t>(n)));
  pos += static_cast<std::size_t>(n);
  return s;
}

void encode_result(std::string& out, const send::ReplicationResult& r) {
  put_u64(out, r.replication);
  put_u64(out, r.events);
  put_u64(out, r.fingerprint);
  put_double(out, r.child_years);
  put_u64(out, r.tables.size());
  for (const send::Table& t : r.tables) {
    put_string(out, t.info.name);
    put_u64(out, t.info.columns.size());
    for (const std::string& c : t.info.columns) put_string(out, c);
    put_string(out, t.info.value_unit);
    put_u64(out, static_cast<std::uint64_t>(t.info.missing));
    put_string(out, t.info.description);
    put_u64(out, t.rows.size());
    for (const auto& [key, value] : t.rows) {
      put_u64(out, key.size());
      for (const std::string& k : key) put_string(out, k);
      put_double(out, value);
    }
  }
}

void encode_results(std::string& out, const std::vector<send::ReplicationResult>& results) {
  put_u64(out, results.size());
  for (const send::ReplicationResult& r : results) encode_result(out, r);
}

std::vector<send::ReplicationResult> decode_results(std::string_view in, std::size_t& pos) {
  std::vector<send::ReplicationResult> results(get_count(in, pos));
  for (send::ReplicationResult& r : results) {
    r.replication = static_cast<std::size_t>(get_u64(in, pos));
    r.events = get_u64(in, pos);
    r.fingerprint = get_u64(in, pos);
    r.child_years = get_double(in, pos);
    r.tables.resize(get_count(in, pos));
    for (send::Table& t : r.tables) {
      t.info.name = get_string(in, pos);
      t.info.columns.resize(get_count(in, pos));
      for (std::string& c : t.info.columns) c = get_string(in, pos);
      t.info.value_unit = get_string(in, pos);
      const std::uint64_t missing = get_u64(in, pos);
      if (missing > 1) short_input();
      t.info.missing = static_cast<send::Missing>(missing);
      t.info.description = get_string(in, pos);
      const std::size_t rows = get_count(in, pos);
      auto hint = t.rows.end();
      for (std::size_t i = 0; i < rows; ++i) {
        std::vector<std::string> key(get_count(in, pos));
        for (std::string& k : key) k = get_string(in, pos);
        const double value = get_double(in, pos);
        hint = t.rows.emplace_hint(hint, std::move(key), value);
      }
    }
  }
  return results;
}

}  // namespace sendsim::batch

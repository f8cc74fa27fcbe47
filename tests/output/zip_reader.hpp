// tests/output/zip_reader.hpp: a minimal zip reader for the workbook tests.
// Reads the central directory (so data descriptors are fine), inflates each
// entry with zlib (stored and deflated entries only) and checks its CRC-32.
// Throws std::runtime_error on anything it does not understand, so a broken
// archive fails the test that reads it.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace sendsim::output::testing {

namespace zip_detail {

inline std::uint32_t u16(const std::string& b, std::size_t at) {
  if (at + 2 > b.size()) throw std::runtime_error("zip: truncated");
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8U;
}

inline std::uint32_t u32(const std::string& b, std::size_t at) { return u16(b, at) | u16(b, at + 2) << 16U; }

inline std::string inflate_raw(const std::string& data, std::size_t size) {
  std::string out(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw std::runtime_error("zip: inflateInit2");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  const auto produced = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || produced != size) throw std::runtime_error("zip: bad deflate stream");
  return out;
}

}  // namespace zip_detail

/// Entry name -> uncompressed bytes.
inline std::map<std::string, std::string> read_zip(const std::string& bytes) {
  using zip_detail::u16;
  using zip_detail::u32;
  if (bytes.size() < 22) throw std::runtime_error("zip: too short");
  // End of central directory: the last "PK\5\6" (a comment may follow it).
  std::size_t eocd = std::string::npos;
  for (std::size_t at = bytes.size() - 22 + 1; at-- > 0;) {
    if (u32(bytes, at) == 0x06054b50U) {
      eocd = at;
      break;
    }
  }
  if (eocd == std::string::npos) throw std::runtime_error("zip: no end of central directory");
  const std::uint32_t count = u16(bytes, eocd + 10);
  std::size_t at = u32(bytes, eocd + 16);
  std::map<std::string, std::string> out;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (u32(bytes, at) != 0x02014b50U) throw std::runtime_error("zip: bad central directory entry");
    const std::uint32_t method = u16(bytes, at + 10);
    const std::uint32_t crc = u32(bytes, at + 16);
    const std::uint32_t packed = u32(bytes, at + 20);
    const std::uint32_t size = u32(bytes, at + 24);
    const std::uint32_t name_len = u16(bytes, at + 28);
    const std::uint32_t extra_len = u16(bytes, at + 30);
    const std::uint32_t comment_len = u16(bytes, at + 32);
    const std::uint32_t local = u32(bytes, at + 42);
    const std::string name = bytes.substr(at + 46, name_len);
    at += 46 + name_len + extra_len + comment_len;
    if (u32(bytes, local) != 0x04034b50U) throw std::runtime_error("zip: bad local header for " + name);
    const std::size_t data_at = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (data_at + packed > bytes.size()) throw std::runtime_error("zip: truncated data for " + name);
    const std::string data = bytes.substr(data_at, packed);
    std::string content;
    if (method == 0) {
      content = data;
    } else if (method == 8) {
      content = zip_detail::inflate_raw(data, size);
    } else {
      throw std::runtime_error("zip: unsupported method for " + name);
    }
    const auto actual =
        crc32(0L, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size()));
    if (actual != crc) throw std::runtime_error("zip: CRC mismatch for " + name);
    out[name] = std::move(content);
  }
  return out;
}

}  // namespace sendsim::output::testing

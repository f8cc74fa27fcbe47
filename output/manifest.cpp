// output/manifest.cpp: SHA-256, the manifest file, ownership and removal.
#include "output/manifest.hpp"

#include <openssl/evp.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace sendsim::output {

namespace fs = std::filesystem;

namespace {

// SHA-256 (FIPS 180-4), streaming, by OpenSSL's libcrypto (its SHA-NI and
// AVX code hashes a results folder about four times as fast as the portable
// implementation this replaced; the digests are the same).
class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1)
      throw std::runtime_error("SHA-256: OpenSSL could not start a digest");
  }

  void update(const unsigned char* data, std::size_t n) {
    if (n > 0 && EVP_DigestUpdate(ctx_.get(), data, n) != 1)
      throw std::runtime_error("SHA-256: update failed");
  }

  std::string hex() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx_.get(), digest.data(), &size) != 1 || size != 32)
      throw std::runtime_error("SHA-256: final failed");
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (unsigned int i = 0; i < size; ++i) {
      out += kDigits[digest[i] >> 4];
      out += kDigits[digest[i] & 0xf];
    }
    return out;
  }

 private:
  struct Free {
    void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
  };
  std::unique_ptr<EVP_MD_CTX, Free> ctx_;
};

const char* kind_word(ManifestEntry::Kind kind) {
  switch (kind) {
    case ManifestEntry::Kind::kFile:
      return "file";
    case ManifestEntry::Kind::kDir:
      return "dir";
    case ManifestEntry::Kind::kFolder:
      return "folder";
  }
  return "file";
}

/// The process id in a name "<stem>.tmp-<pid>" or "<stem>.old-<pid>", or none.
std::optional<long> temporary_pid(const std::string& name) {
  auto at = name.rfind(".tmp-");
  if (at == std::string::npos) at = name.rfind(".old-");
  if (at == std::string::npos || at == 0) return std::nullopt;
  const std::string digits = name.substr(at + 5);
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stol(digits);
}

bool is_manifest_temporary(const std::string& name) {
  return name.starts_with(std::string(kManifestName) + ".tmp-") && temporary_pid(name).has_value();
}

bool is_marked(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(dir / kTemporaryMarker, ec));
}

std::string join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "/" + name;
}

/// Sorted names of the entries directly in `dir`.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

void scan(const fs::path& root, const std::string& prefix, Manifest& out) {
  const fs::path here = prefix.empty() ? root : root / prefix;
  for (const std::string& name : names_in(here)) {
    if (prefix.empty() && (name == kManifestName || name == kTemporaryMarker || is_manifest_temporary(name)))
      continue;
    const fs::path p = here / name;
    const std::string rel = join(prefix, name);
    const fs::file_status st = fs::symlink_status(p);
    if (fs::is_directory(st)) {
      if (fs::exists(p / kManifestName)) {
        out.entries.push_back({ManifestEntry::Kind::kFolder, rel, "", 0});
      } else {
        out.entries.push_back({ManifestEntry::Kind::kDir, rel, "", 0});
        scan(root, rel, out);
      }
    } else if (fs::is_regular_file(st)) {
      out.entries.push_back({ManifestEntry::Kind::kFile, rel, sha256_file(p), fs::file_size(p)});
    } else {
      throw std::runtime_error(p.string() + " is neither a file nor a folder");
    }
  }
}

struct Foreign {
  std::vector<std::string> items;
  std::size_t more = 0;
  std::size_t limit = 5;
  void add(std::string item) {
    if (items.size() < limit) {
      items.push_back(std::move(item));
    } else {
      ++more;
    }
  }
};

void find_foreign(const fs::path& root, const std::string& prefix, const Manifest& manifest, Foreign& out);

/// A folder with a manifest of its own (the top one, or a nested one).
void find_foreign_in_folder(const fs::path& dir, const std::string& shown, Foreign& out) {
  if (is_marked(dir)) return;
  std::optional<Manifest> manifest;
  try {
    manifest = read_manifest(dir);
  } catch (const std::runtime_error&) {
    out.add(join(shown, std::string(kManifestName)) + " (not a sendsim manifest)");
    return;
  }
  if (!manifest) {
    std::error_code ec;
    if (fs::is_empty(dir, ec) && !ec) return;
    out.add(shown.empty() ? std::string("everything (it has no ") + std::string(kManifestName) + ")"
                          : shown + "/ (it has no " + std::string(kManifestName) + ")");
    return;
  }
  // Paths in a nested manifest are relative to the nested folder.
  Foreign nested;
  nested.limit = out.limit;
  find_foreign(dir, "", *manifest, nested);
  for (auto& item : nested.items) out.add(join(shown, item));
  out.more += nested.more;
}

void find_foreign(const fs::path& root, const std::string& prefix, const Manifest& manifest, Foreign& out) {
  const fs::path here = prefix.empty() ? root : root / prefix;
  for (const std::string& name : names_in(here)) {
    if (prefix.empty() && (name == kManifestName || is_manifest_temporary(name))) continue;
    const fs::path p = here / name;
    const std::string rel = join(prefix, name);
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(p, ec);
    if (fs::is_directory(st)) {
      if (is_marked(p)) continue;
      if (manifest.find(rel, ManifestEntry::Kind::kFolder) != nullptr) {
        find_foreign_in_folder(p, rel, out);
      } else if (manifest.find(rel, ManifestEntry::Kind::kDir) != nullptr) {
        find_foreign(root, rel, manifest, out);
      } else {
        out.add(rel + "/");
      }
    } else if (fs::is_regular_file(st)) {
      const ManifestEntry* entry = manifest.find(rel, ManifestEntry::Kind::kFile);
      if (entry == nullptr) {
        out.add(rel);
        continue;
      }
      std::string hash;
      const std::uintmax_t size = fs::file_size(p, ec);
      if (!ec && size == entry->size) {
        try {
          hash = sha256_file(p);
        } catch (const std::runtime_error&) {
        }
      }
      if (hash != entry->sha256) out.add(rel + " (changed since sendsim wrote it)");
    } else {
      out.add(rel);
    }
  }
}

void remove_listed(const fs::path& root, const std::string& prefix, const Manifest& manifest,
                   std::vector<std::string>& left);

void remove_folder(const fs::path& dir, const std::string& shown, std::vector<std::string>& left) {
  std::error_code ec;
  std::optional<Manifest> manifest;
  try {
    manifest = read_manifest(dir);
  } catch (const std::runtime_error&) {
  }
  // A marked folder without a manifest is a temporary being filled: all
  // ours. With a manifest (an old results folder marked for removal), only
  // what the manifest lists goes, and the marker.
  if (is_marked(dir) && !manifest) {
    fs::remove_all(dir, ec);
    if (ec) left.push_back(shown.empty() ? "." : shown);
    return;
  }
  fs::remove(dir / kTemporaryMarker, ec);
  std::vector<std::string> nested;
  if (manifest) remove_listed(dir, "", *manifest, nested);
  bool only_manifest = true;
  for (const std::string& name : names_in(dir)) {
    if (name == kManifestName || is_manifest_temporary(name)) continue;
    only_manifest = false;
    if (!manifest) nested.push_back(name);
  }
  for (const auto& n : nested) left.push_back(join(shown, n));
  if (only_manifest) {
    for (const std::string& name : names_in(dir)) fs::remove(dir / name, ec);
    fs::remove(dir, ec);
  }
}

void remove_listed(const fs::path& root, const std::string& prefix, const Manifest& manifest,
                   std::vector<std::string>& left) {
  const fs::path here = prefix.empty() ? root : root / prefix;
  std::error_code ec;
  for (const std::string& name : names_in(here)) {
    if (prefix.empty() && (name == kManifestName || is_manifest_temporary(name))) continue;
    const fs::path p = here / name;
    const std::string rel = join(prefix, name);
    const fs::file_status st = fs::symlink_status(p, ec);
    if (fs::is_directory(st)) {
      if (is_marked(p)) {
        fs::remove_all(p, ec);
      } else if (manifest.find(rel, ManifestEntry::Kind::kFolder) != nullptr) {
        std::vector<std::string> nested;
        remove_folder(p, rel, nested);
        left.insert(left.end(), nested.begin(), nested.end());
        continue;
      } else if (manifest.find(rel, ManifestEntry::Kind::kDir) != nullptr) {
        remove_listed(root, rel, manifest, left);
        if (fs::is_empty(p, ec) && !ec) fs::remove(p, ec);
        continue;
      }
    } else if (fs::is_regular_file(st) && manifest.find(rel, ManifestEntry::Kind::kFile) != nullptr) {
      fs::remove(p, ec);
    }
    if (fs::exists(fs::symlink_status(p, ec))) left.push_back(rel);
  }
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  Sha256 sha;
  sha.update(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return sha.hex();
}

std::string sha256_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  Sha256 sha;
  std::array<char, 1 << 16> buf{};
  while (in) {
    in.read(buf.data(), buf.size());
    sha.update(reinterpret_cast<const unsigned char*>(buf.data()), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw std::runtime_error("cannot read " + file.string());
  return sha.hex();
}

const ManifestEntry* Manifest::find(std::string_view path, ManifestEntry::Kind kind) const {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->kind == kind && it->path == path) return &*it;
  }
  return nullptr;
}

std::optional<Manifest> read_manifest(const fs::path& dir) {
  const fs::path path = dir / kManifestName;
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(path, ec);
  if (!fs::exists(st)) return std::nullopt;
  if (!fs::is_regular_file(st)) throw std::runtime_error(path.string() + " is not a file");
  // A manifest lists a folder's files: a few hundred lines. Anything far
  // larger is not one of ours.
  if (fs::file_size(path) > (std::uintmax_t{16} << 20))
    throw std::runtime_error(path.string() + " is too large");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  Manifest out;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {
      if (!line.starts_with("# sendsim manifest"))
        throw std::runtime_error(path.string() + " is not a sendsim manifest");
      first = false;
      continue;
    }
    if (line.empty() || line.starts_with("#")) continue;
    ManifestEntry e;
    if (line.starts_with("dir ")) {
      e.kind = ManifestEntry::Kind::kDir;
      e.path = line.substr(4);
    } else if (line.starts_with("folder ")) {
      e.kind = ManifestEntry::Kind::kFolder;
      e.path = line.substr(7);
    } else if (line.starts_with("file ") && line.size() > 5 + 64 + 1) {
      e.kind = ManifestEntry::Kind::kFile;
      e.sha256 = line.substr(5, 64);
      const auto space = line.find(' ', 5 + 64 + 1);
      if (line[5 + 64] != ' ' || space == std::string::npos) {
        throw std::runtime_error(path.string() + ": bad line \"" + line.substr(0, 80) + "\"");
      }
      const std::string size = line.substr(5 + 64 + 1, space - (5 + 64 + 1));
      if (size.empty() || size.size() > 19 || size.find_first_not_of("0123456789") != std::string::npos) {
        throw std::runtime_error(path.string() + ": bad line \"" + line.substr(0, 80) + "\"");
      }
      e.size = std::stoull(size);
      e.path = line.substr(space + 1);
    } else {
      throw std::runtime_error(path.string() + ": bad line \"" + line.substr(0, 80) + "\"");
    }
    if (e.path.empty()) throw std::runtime_error(path.string() + ": an entry without a path");
    out.entries.push_back(std::move(e));
  }
  if (first) throw std::runtime_error(path.string() + " is not a sendsim manifest");
  return out;
}

void write_manifest(const fs::path& dir, const Manifest& manifest) {
  std::string text =
      "# sendsim manifest 1: what sendsim wrote in this folder (file SHA256 SIZE PATH, dir PATH, folder "
      "PATH); "
      "see output/README.md\n";
  for (const auto& e : manifest.entries) {
    if (e.path.find('\n') != std::string::npos || e.path.find('\r') != std::string::npos) {
      throw std::logic_error("write_manifest: a path with a line break");
    }
    text += kind_word(e.kind);
    if (e.kind == ManifestEntry::Kind::kFile) text += " " + e.sha256 + " " + std::to_string(e.size);
    text += " " + e.path + "\n";
  }
  const fs::path tmp = dir / (std::string(kManifestName) + ".tmp-" + std::to_string(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot open " + tmp.string() + " for writing");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, dir / kManifestName);
}

Manifest scan_folder(const fs::path& dir) {
  Manifest out;
  scan(dir, "", out);
  return out;
}

std::vector<std::string> foreign_entries(const fs::path& dir, std::size_t limit) {
  Foreign out;
  out.limit = limit;
  find_foreign_in_folder(dir, "", out);
  if (out.more > 0) out.items.push_back("and " + std::to_string(out.more) + " more");
  return out.items;
}

std::vector<std::string> remove_owned(const fs::path& dir) {
  std::vector<std::string> left;
  remove_folder(dir, "", left);
  return left;
}

bool process_is_running(long pid) {
  if (pid <= 0) return true;  // never a process we may judge
  if (pid == static_cast<long>(::getpid())) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

namespace {

/// Removes `p` when it is a leftover temporary of a dead sendsim; true when
/// it did.
bool remove_if_stale(const fs::path& p, std::FILE* log) {
  const std::string name = p.filename().string();
  const std::optional<long> pid = temporary_pid(name);
  if (!pid || process_is_running(*pid)) return false;
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(p, ec);
  bool removed = false;
  if (fs::is_regular_file(st) && is_manifest_temporary(name)) {
    removed = fs::remove(p, ec);
  } else if (fs::is_directory(st)) {
    if (is_marked(p)) {
      const std::vector<std::string> left = remove_owned(p);
      removed = left.empty();
      if (!left.empty() && log != nullptr) {
        std::fprintf(
            log,
            "sendsim: %s, left by an earlier sendsim (process %ld), holds files sendsim did not write; "
            "kept\n",
            p.string().c_str(), *pid);
      }
    } else if (fs::is_empty(p, ec) && !ec) {
      removed = fs::remove(p, ec);
    }
  }
  if (removed && log != nullptr) {
    std::fprintf(log, "sendsim: removed %s, left by an earlier sendsim (process %ld) that did not finish\n",
                 p.string().c_str(), *pid);
    std::fflush(log);
  }
  return removed;
}

}  // namespace

void remove_stale_temporaries(const fs::path& path, std::FILE* log) {
  const fs::path parent = path.parent_path();
  const std::string stem = path.filename().string();
  std::error_code ec;
  if (!fs::is_directory(parent, ec)) return;
  for (const std::string& name : names_in(parent)) {
    if (name.starts_with(stem + ".tmp-") || name.starts_with(stem + ".old-"))
      remove_if_stale(parent / name, log);
  }
}

void remove_stale_temporaries_in(const fs::path& dir, std::FILE* log) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  for (const std::string& name : names_in(dir)) {
    if (temporary_pid(name)) remove_if_stale(dir / name, log);
  }
}

}  // namespace sendsim::output

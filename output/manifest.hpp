// output/manifest.hpp: the manifest that marks a folder as sendsim's, and
// what may be removed because of it.
//
// Every folder sendsim writes (a results folder, a comparison folder, a
// backtest folder) holds manifest.txt: each file it wrote there with its size
// and SHA-256, each sub-folder it made, and each nested results folder (a
// folder with a manifest of its own, e.g. a comparison's scenario folders).
// The format is one entry a line after a comment line:
//   file <sha256 hex> <size> <path>      a file, path relative with '/'
//   dir <path>                           a folder sendsim made (e.g. charts)
//   folder <path>                        a nested folder with its own manifest
// A file of the folder is sendsim's when the manifest lists it with the same
// size and hash; a folder holding the marker .sendsim-temporary is a
// temporary folder of a sendsim process and sendsim's as a whole; the
// manifest's own temporary (manifest.txt.tmp-<pid>) is sendsim's too.
// Anything else is the user's, and nothing here removes it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sendsim::output {

inline constexpr std::string_view kManifestName = "manifest.txt";
/// The file that marks a folder as a sendsim process's temporary folder.
inline constexpr std::string_view kTemporaryMarker = ".sendsim-temporary";

/// SHA-256 of `bytes`, 64 lower-case hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);
/// SHA-256 of a file's bytes; std::runtime_error when it cannot be read.
[[nodiscard]] std::string sha256_file(const std::filesystem::path& file);

struct ManifestEntry {
  enum class Kind { kFile, kDir, kFolder };
  Kind kind = Kind::kFile;
  std::string path;         // relative, '/'-separated
  std::string sha256;       // files only
  std::uintmax_t size = 0;  // files only
};

struct Manifest {
  std::vector<ManifestEntry> entries;

  /// The entry for `path` of kind `kind` (the last one when listed twice);
  /// nullptr when none.
  [[nodiscard]] const ManifestEntry* find(std::string_view path, ManifestEntry::Kind kind) const;
};

/// The manifest of `dir`: none when it has no manifest.txt;
/// std::runtime_error when it has one that cannot be read or parsed.
[[nodiscard]] std::optional<Manifest> read_manifest(const std::filesystem::path& dir);

/// Writes `manifest` as DIR/manifest.txt, atomically (a temporary beside it,
/// then a rename). std::logic_error for a path holding a newline.
void write_manifest(const std::filesystem::path& dir, const Manifest& manifest);

/// Lists what `dir` holds, as write_manifest would record it: every regular
/// file with its hash, every sub-folder, a sub-folder holding a manifest as a
/// nested folder (not looked into). The manifest itself and a temporary
/// marker at the top are left out. std::runtime_error for anything that is
/// neither a regular file nor a folder (sendsim writes no links).
[[nodiscard]] Manifest scan_folder(const std::filesystem::path& dir);

/// What in `dir` is not sendsim's (see above), as relative paths with a
/// reason where it is not simply unknown ("workbook.xlsx (changed since
/// sendsim wrote it)"), at most `limit` of them plus a last "and N more".
/// Empty when everything is sendsim's. A folder without a manifest is
/// reported as a whole unless it is empty or a temporary folder.
[[nodiscard]] std::vector<std::string> foreign_entries(const std::filesystem::path& dir,
                                                       std::size_t limit = 5);

/// Removes from `dir` what is sendsim's: the files its manifest names (by
/// name: the hashes were checked before), the folders it made once empty,
/// nested folders the same way, temporary folders whole; then the manifest
/// and the marker, and `dir` itself when nothing is left. A marked folder
/// without a manifest (a temporary being filled) is removed whole. Returns
/// what was left (relative paths); empty when `dir` is gone.
std::vector<std::string> remove_owned(const std::filesystem::path& dir);

/// Whether a process with this id is running (any process: a reused id
/// counts as running, so the leftover waits for the next run).
[[nodiscard]] bool process_is_running(long pid);

/// Removes the leftovers of sendsim processes that died while writing beside
/// `path`: in path's parent, the entries named `<path's name>.tmp-<pid>` (or
/// `.old-<pid>`, the fallback of a file system that cannot exchange) of
/// processes no longer running (this process's own id included) that are
/// marked as sendsim's temporaries (never a folder merely named so, such as
/// a results folder written with --out x.tmp-123), or the manifest's own
/// temporary, printing one line for each on `log`:
/// "sendsim: removed DIR.tmp-PID, left by an earlier sendsim (process PID)
/// that did not finish". Entries that are not sendsim's are left alone.
void remove_stale_temporaries(const std::filesystem::path& path, std::FILE* log);

/// The same inside `dir`: every entry named `<name>.tmp-<pid>` of a process
/// no longer running that is sendsim's (a report's temporary charts folder,
/// the manifest's temporary).
void remove_stale_temporaries_in(const std::filesystem::path& dir, std::FILE* log);

}  // namespace sendsim::output

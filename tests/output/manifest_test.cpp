// tests/output/manifest_test.cpp: --out never deletes what sendsim did not
// write. The manifest (hashes of what was written), refusing a folder with
// anything else in it or a file changed since, the atomic exchange (no
// instant without a results folder), stale temporaries of dead processes,
// nested folders (a comparison) and the report's charts.
#include "output/manifest.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "output/report.hpp"
#include "output/results_writer.hpp"
#include "results_fixture.hpp"

namespace sendsim::output {
namespace {

using namespace testing;
using ::testing::internal::CaptureStderr;
using ::testing::internal::GetCapturedStderr;

void write_hand_made(const fs::path& dir) {
  const send::Scenario sc = hand_made_scenario();
  const run::RunOutput out = hand_made_output(hand_made_results());
  (void)write_results(dir, out, run::aggregate(out.results), ResultsContext{&sc, "name: x\n", "9.9.9"});
}

void put(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string refusal(const fs::path& dir) {
  try {
    check_output_dir(dir);
  } catch (const OutputError& e) {
    return e.what();
  }
  return "";
}

/// The id of a process that has just ended (so no process has it).
long dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Manifest, ListsEveryFileWithItsSizeAndHash) {
  ScratchDir scratch("manifest-lists");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  const std::optional<Manifest> m = read_manifest(dir);
  ASSERT_TRUE(m.has_value());
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name == "manifest.txt") continue;
    const ManifestEntry* entry = m->find(name, ManifestEntry::Kind::kFile);
    ASSERT_NE(entry, nullptr) << name;
    EXPECT_EQ(entry->sha256, sha256_hex(read_file(e.path()))) << name;
    EXPECT_EQ(entry->size, fs::file_size(e.path())) << name;
    ++files;
  }
  EXPECT_EQ(files, m->entries.size());
  EXPECT_TRUE(read_file(dir / "manifest.txt").starts_with("# sendsim manifest 1: "));
  EXPECT_TRUE(foreign_entries(dir).empty());
  EXPECT_EQ(refusal(dir), "");
}

// The case: any folder holding a file named summary.json was replaced,
// with everything else in it.
TEST(Manifest, AFolderWithOnlyASummaryIsNotOurs) {
  ScratchDir scratch("manifest-summary-only");
  const fs::path dir = scratch.path() / "mine";
  put(dir / "summary.json", "{}");
  put(dir / "thesis.docx", "precious");
  EXPECT_EQ(refusal(dir),
            "results folder " + dir.string() +
                " exists and is not a sendsim results folder (it has no manifest.txt); refusing to "
                "replace it: choose another --out or remove it");
  EXPECT_THROW(write_hand_made(dir), OutputError);
  EXPECT_EQ(read_file(dir / "thesis.docx"), "precious");
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"mine"});
}

TEST(Manifest, AUsersFileInAResultsFolderIsRefusedAndKept) {
  ScratchDir scratch("manifest-user-file");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  put(dir / "notes.txt", "my notes");
  put(dir / "annotated" / "copy.xlsx", "mine");
  const std::string before = read_file(dir / "summary.json");
  EXPECT_EQ(refusal(dir),
            "results folder " + dir.string() +
                " holds files sendsim did not write: annotated/, notes.txt; refusing to replace it, so "
                "that nothing of yours is lost: move them out of " +
                dir.string() + " or choose another --out");
  EXPECT_THROW(write_hand_made(dir), OutputError);
  EXPECT_EQ(read_file(dir / "notes.txt"), "my notes");
  EXPECT_EQ(read_file(dir / "annotated" / "copy.xlsx"), "mine");
  EXPECT_EQ(read_file(dir / "summary.json"), before);
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"out"});
  // Moved out, the folder is replaced.
  fs::remove(dir / "notes.txt");
  fs::remove_all(dir / "annotated");
  EXPECT_NO_THROW(write_hand_made(dir));
}

TEST(Manifest, AFileChangedSinceIsRefusedAndKept) {
  ScratchDir scratch("manifest-changed");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  const std::string workbook = read_file(dir / "workbook.xlsx");
  put(dir / "workbook.xlsx", workbook + "annotated");
  put(dir / "seeds.txt", std::string(read_file(dir / "seeds.txt").size(), 'x'));  // same size, other bytes
  EXPECT_EQ(refusal(dir),
            "results folder " + dir.string() +
                " holds files sendsim did not write: seeds.txt (changed since sendsim wrote it), "
                "workbook.xlsx (changed since sendsim wrote it); refusing to replace it, so that "
                "nothing of yours is lost: move them out of " +
                dir.string() + " or choose another --out");
  EXPECT_THROW(write_hand_made(dir), OutputError);
  EXPECT_EQ(read_file(dir / "workbook.xlsx"), workbook + "annotated");
}

TEST(Manifest, ALinkOrAForgedManifestIsNotOurs) {
  ScratchDir scratch("manifest-link");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  fs::create_symlink("/etc/passwd", dir / "link");
  EXPECT_NE(refusal(dir).find("holds files sendsim did not write: link;"), std::string::npos) << refusal(dir);
  fs::remove(dir / "link");
  put(dir / "manifest.txt", "not a manifest\n");
  EXPECT_NE(refusal(dir).find("(it has no manifest.txt)"), std::string::npos) << refusal(dir);
}

TEST(Manifest, ListsOfManyAreCut) {
  ScratchDir scratch("manifest-many");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  for (char c = '0'; c < '9'; ++c) put(dir / std::string{'n', c}, "x");
  EXPECT_NE(refusal(dir).find("did not write: n0, n1, n2, n3, n4, and 4 more; refusing"), std::string::npos)
      << refusal(dir);
}

// Replacement exchanges the folders in one step: a reader polling the path
// always finds a complete results folder (the old or the new one).
TEST(Manifest, NoInstantWithoutAResultsFolder) {
  ScratchDir scratch("manifest-exchange");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  std::atomic<bool> done{false};
  std::atomic<int> missing{0};
  std::atomic<long> looks{0};
  std::thread watcher([&] {
    while (!done.load()) {
      if (!fs::exists(dir / "manifest.txt") || !fs::exists(dir / "summary.json")) ++missing;
      ++looks;
    }
  });
  for (int i = 0; i < 40; ++i) write_hand_made(dir);
  done = true;
  watcher.join();
  EXPECT_EQ(missing.load(), 0) << "of " << looks.load() << " looks";
  EXPECT_GT(looks.load(), 40);
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"out"});
}

TEST(Manifest, RemoveOwnedLeavesWhatIsNotListed) {
  ScratchDir scratch("manifest-remove");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  put(dir / "late.txt", "arrived after the check");
  EXPECT_EQ(remove_owned(dir), std::vector<std::string>{"late.txt"});
  EXPECT_EQ(read_file(dir / "late.txt"), "arrived after the check");
  // The manifest stays with what is left (it lists nothing there now).
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 2);
  EXPECT_NE(refusal(dir).find("did not write: late.txt;"), std::string::npos);
  fs::remove(dir / "late.txt");
  write_hand_made(dir);
  EXPECT_TRUE(remove_owned(dir).empty());
  EXPECT_FALSE(fs::exists(dir));
}

TEST(Manifest, StaleTemporariesOfDeadProcessesAreRemovedWithALine) {
  ScratchDir scratch("manifest-stale");
  const fs::path dir = scratch.path() / "out";
  const long dead = dead_pid();
  // What kill -9 during writing leaves: the marked temporary folder...
  const fs::path filling = scratch.path() / ("out.tmp-" + std::to_string(dead));
  put(filling / ".sendsim-temporary", "");
  put(filling / "per_replication.csv", std::string(1000, 'x'));
  // ...not something else with a similar name...
  const fs::path other = scratch.path() / "out.tmp-notapid";
  put(other / "keep.txt", "k");
  const fs::path unmarked = scratch.path() / ("out.tmp-" + std::to_string(dead + 1000000));
  put(unmarked / "keep.txt", "k");
  // ...nor a running process's (this test's parent shell or init: pid 1).
  const fs::path running = scratch.path() / "out.tmp-1";
  put(running / ".sendsim-temporary", "");
  CaptureStderr();
  write_hand_made(dir);
  const std::string err = GetCapturedStderr();
  EXPECT_EQ(err, "sendsim: removed " + filling.string() + ", left by an earlier sendsim (process " +
                     std::to_string(dead) + ") that did not finish\n");
  EXPECT_FALSE(fs::exists(filling));
  EXPECT_TRUE(fs::exists(other / "keep.txt"));
  EXPECT_TRUE(fs::exists(unmarked / "keep.txt"));
  EXPECT_TRUE(fs::exists(running));

  // After the exchange, before the old folder went: marked, with its
  // manifest.
  const long dead2 = dead_pid();
  const fs::path exchanged = scratch.path() / ("out.tmp-" + std::to_string(dead2));
  write_hand_made(exchanged);
  put(exchanged / ".sendsim-temporary", "");
  // A results folder merely named like a temporary (--out out.tmp-N) is a
  // user's: never removed.
  const fs::path named = scratch.path() / ("out.tmp-" + std::to_string(dead2 + 2000000));
  write_hand_made(named);
  CaptureStderr();
  write_hand_made(dir);
  EXPECT_EQ(GetCapturedStderr(), "sendsim: removed " + exchanged.string() +
                                     ", left by an earlier sendsim (process " + std::to_string(dead2) +
                                     ") that did not finish\n");
  EXPECT_FALSE(fs::exists(exchanged));
  EXPECT_TRUE(fs::exists(named / "summary.json"));
}

TEST(Manifest, AStaleTemporaryWithAUsersFileIsKept) {
  ScratchDir scratch("manifest-stale-kept");
  const long dead = dead_pid();
  const fs::path exchanged = scratch.path() / ("out.tmp-" + std::to_string(dead));
  write_hand_made(exchanged);
  put(exchanged / ".sendsim-temporary", "");
  put(exchanged / "mine.txt", "m");
  CaptureStderr();
  write_hand_made(scratch.path() / "out");
  const std::string err = GetCapturedStderr();
  EXPECT_EQ(err, "sendsim: " + exchanged.string() + ", left by an earlier sendsim (process " +
                     std::to_string(dead) + "), holds files sendsim did not write; kept\n");
  EXPECT_EQ(read_file(exchanged / "mine.txt"), "m");
  EXPECT_FALSE(fs::exists(exchanged / "summary.json"));  // sendsim's own files went
}

// A folder with nested results folders (as a comparison's): each has its own
// manifest, and a user's file in one of them is found.
TEST(Manifest, NestedFoldersAreCheckedByTheirOwnManifest) {
  ScratchDir scratch("manifest-nested");
  const fs::path dir = scratch.path() / "cmp";
  write_folder_atomically(dir, [](const fs::path& tmp) {
    write_hand_made(tmp / "base");
    write_hand_made(tmp / "option");
    put(tmp / "summary.json", "{}\n");
  });
  const std::optional<Manifest> m = read_manifest(dir);
  ASSERT_TRUE(m.has_value());
  EXPECT_NE(m->find("base", ManifestEntry::Kind::kFolder), nullptr);
  EXPECT_NE(m->find("summary.json", ManifestEntry::Kind::kFile), nullptr);
  EXPECT_EQ(m->find("base/summary.json", ManifestEntry::Kind::kFile), nullptr);
  EXPECT_EQ(refusal(dir), "");
  put(dir / "option" / "notes.txt", "n");
  EXPECT_NE(refusal(dir).find("did not write: option/notes.txt;"), std::string::npos) << refusal(dir);
  fs::remove(dir / "option" / "notes.txt");
  fs::remove(dir / "base" / "manifest.txt");
  EXPECT_NE(refusal(dir).find("did not write: base/ (it has no manifest.txt);"), std::string::npos)
      << refusal(dir);
}

// The report adds charts/ and report.html to the folder's manifest, replaces
// only its own, and refuses a folder with a user's file in charts/.
TEST(Manifest, TheReportIsListedAndReplacesOnlyItsOwnFiles) {
  ScratchDir scratch("manifest-report");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  auto draw = [](const fs::path& folder) {
    put(folder / "a.svg", "<svg/>");
    put(folder / "a.png", "png");
    return std::vector<ChartInfo>{};
  };
  auto html = [](const std::vector<ChartInfo>&, const fs::path&) { return std::string("<html></html>\n"); };
  (void)write_report_atomically(dir, draw, html);
  std::optional<Manifest> m = read_manifest(dir);
  ASSERT_TRUE(m.has_value());
  EXPECT_NE(m->find("charts", ManifestEntry::Kind::kDir), nullptr);
  ASSERT_NE(m->find("charts/a.svg", ManifestEntry::Kind::kFile), nullptr);
  ASSERT_NE(m->find("report.html", ManifestEntry::Kind::kFile), nullptr);
  EXPECT_EQ(m->find("report.html", ManifestEntry::Kind::kFile)->sha256, sha256_hex("<html></html>\n"));
  EXPECT_EQ(refusal(dir), "");
  EXPECT_FALSE(fs::exists(dir / "charts" / ".sendsim-temporary"));
  EXPECT_FALSE(fs::exists(dir / "charts" / ".report.html"));

  // Drawn again: the old entries go, the folder is still all ours.
  (void)write_report_atomically(dir, draw, html);
  m = read_manifest(dir);
  std::size_t svg = 0;
  for (const auto& e : m->entries) svg += e.path == "charts/a.svg" ? 1 : 0;
  EXPECT_EQ(svg, 1u);
  EXPECT_EQ(refusal(dir), "");
  for (const auto& e : fs::directory_iterator(dir)) {
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  }

  put(dir / "charts" / "my-figure.png", "mine");
  EXPECT_THROW((void)write_report_atomically(dir, draw, html), OutputError);
  EXPECT_EQ(read_file(dir / "charts" / "my-figure.png"), "mine");
  EXPECT_THROW(write_hand_made(dir), OutputError);
  fs::remove(dir / "charts" / "my-figure.png");
  write_hand_made(dir);  // a folder with its report is replaced whole
  EXPECT_FALSE(fs::exists(dir / "charts"));
}

TEST(Manifest, TheReportOfAFolderWithoutManifestReplacesNothing) {
  ScratchDir scratch("manifest-report-old");
  const fs::path dir = scratch.path() / "old";
  put(dir / "summary.json", "{}");
  put(dir / "report.html", "my own report");
  auto draw = [](const fs::path&) { return std::vector<ChartInfo>{}; };
  auto html = [](const std::vector<ChartInfo>&, const fs::path&) { return std::string("new"); };
  try {
    (void)write_report_atomically(dir, draw, html);
    ADD_FAILURE() << "replaced report.html";
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "results folder " + dir.string() +
                  " holds report.html, which sendsim did not write; refusing to replace the "
                  "report: move it out of " +
                  dir.string() + " first");
  }
  EXPECT_EQ(read_file(dir / "report.html"), "my own report");
}

}  // namespace
}  // namespace sendsim::output

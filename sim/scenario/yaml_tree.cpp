// sim/scenario/yaml_tree.cpp: yaml-cpp nodes -> our marked tree, and the
// override merge.
#include "scenario/yaml_tree.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <unordered_map>

namespace sendsim::scenario {

const Entry* Node::find(std::string_view key) const noexcept {
  for (const Entry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

Entry* Node::find(std::string_view key) noexcept {
  for (Entry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

bool Node::erase(std::string_view key) {
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    if (it->key == key) {
      entries.erase(it);
      return true;
    }
  }
  return false;
}

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string out(parent);
  out += '.';
  out += key;
  return out;
}

std::string item_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

namespace {

Mark mark_of(const YAML::Mark& m, const FileName& file) {
  if (m.is_null()) return Mark{file, 0, 0};
  return Mark{file, m.line + 1, m.column + 1};
}

/// Tabs are legal YAML in some places, but a tab in the indentation is the
/// usual cause of yaml-cpp's puzzling "illegal map value": say so plainly.
void check_tabs(std::string_view text, const FileName& file) {
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view row = text.substr(start, end - start);
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i] == ' ') continue;
      if (row[i] == '\t') {
        const bool blank = row.find_first_not_of(" \t\r") == std::string_view::npos;
        if (!blank) {
          throw InputError(Mark{file, line, static_cast<int>(i) + 1}, "",
                           "tab character in indentation; yaml indents with spaces");
        }
      }
      break;
    }
    if (end == text.size()) break;
    start = end + 1;
    ++line;
  }
}

/// Builds our tree from yaml-cpp's parser events, without yaml-cpp's own node
/// graph (which costs far more memory than the text). Aliases are refused
/// (they are the one way a small file expands without bound, and the loader's
/// overrides and extends do their work); a key that is not a plain scalar and
/// a repeated key are errors. Semantic errors are kept until the document is
/// parsed, so a syntax error anywhere is reported first, as before.
class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(const FileName& file) : file_(file) {}

  /// The document's root; throws the first error found.
  Node take_root() {
    if (error_) throw *error_;
    if (!root_) return Node{};
    return std::move(*root_);
  }
  /// The mark of the first node of the document, for "a second document".
  [[nodiscard]] const Mark& first_mark() const noexcept { return first_mark_; }
  [[nodiscard]] bool any_node() const noexcept { return any_node_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    Node n;
    n.kind = NodeKind::kNull;
    n.mark = mark_of(mark, file_);
    deliver(std::move(n), true);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    note(mark_of(mark, file_), "",
         "yaml aliases (*name) are not supported: write the value out (a scenario overrides a model, and "
         "extends: another scenario, without them)");
    Node n;
    n.kind = NodeKind::kNull;
    n.mark = mark_of(mark, file_);
    deliver(std::move(n), true);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    Node n;
    n.kind = NodeKind::kScalar;
    n.mark = mark_of(mark, file_);
    n.text = value;
    deliver(std::move(n), false);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    open(NodeKind::kList, mark);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    open(NodeKind::kMap, mark);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    Node node;
    std::string path;
    bool have_key = false;  // a map with a key waiting for its value
    std::string key;
    Mark key_mark;
    bool key_bad = false;                                // the waiting key was not a scalar
    std::unordered_map<std::string, std::size_t> index;  // a map's keys: entry numbers
  };

  void note(const Mark& mark, const std::string& path, const std::string& message) {
    if (!error_) error_.emplace(mark, path, message);
  }

  /// The path of the node about to be delivered to the innermost open node.
  [[nodiscard]] std::string child_path() const {
    if (stack_.empty()) return "";
    const Open& top = stack_.back();
    if (top.node.is_list()) return item_path(top.path, top.node.items.size());
    return top.have_key ? join_path(top.path, top.key) : top.path;
  }

  void open(NodeKind kind, const YAML::Mark& mark) {
    Open o;
    o.node.kind = kind;
    o.node.mark = mark_of(mark, file_);
    o.path = child_path();
    if (!any_node_) {
      any_node_ = true;
      first_mark_ = o.node.mark;
    }
    stack_.push_back(std::move(o));
  }

  void close() {
    Open o = std::move(stack_.back());
    stack_.pop_back();
    deliver(std::move(o.node), false);
  }

  /// Puts a finished node into its parent (or makes it the root). A null
  /// takes the mark of its key, or of its list, or 1:1 at the root: yaml-cpp
  /// marks a null at the next token.
  void deliver(Node n, bool is_null) {
    if (!any_node_) {
      any_node_ = true;
      first_mark_ = n.mark;
    }
    if (stack_.empty()) {
      if (is_null) n.mark = Mark{file_, 1, 1};
      root_.emplace(std::move(n));
      return;
    }
    Open& top = stack_.back();
    if (top.node.is_list()) {
      if (is_null) n.mark = top.node.mark;
      top.node.items.push_back(std::move(n));
      return;
    }
    if (!top.have_key) {
      top.have_key = true;
      top.key_mark = n.mark;
      top.key_bad = !n.is_scalar();
      top.key = n.is_scalar() ? std::move(n.text) : std::string();
      if (top.key_bad) note(top.key_mark, top.path, "a map key must be a plain name, not a list or map");
      return;
    }
    top.have_key = false;
    if (top.key_bad) return;
    if (is_null) n.mark = top.key_mark;
    // A hash of the keys: a map of many thousand keys is checked in linear time.
    const auto [it, fresh] = top.index.emplace(top.key, top.node.entries.size());
    if (!fresh) {
      const Entry& first = top.node.entries[it->second];
      note(top.key_mark, top.path,
           "duplicate key \"" + shown(top.key) + "\" (first at line " + std::to_string(first.key_mark.line) +
               ", column " + std::to_string(first.key_mark.column) + ")");
      return;
    }
    top.node.entries.push_back(Entry{std::move(top.key), top.key_mark, std::move(n)});
  }

  const FileName& file_;
  std::vector<Open> stack_;
  std::optional<Node> root_;
  std::optional<InputError> error_;
  Mark first_mark_;
  bool any_node_ = false;
};

/// Counts a document's events and nothing else (the document after the
/// first, which is an error whatever it holds).
class FirstMark : public YAML::EventHandler {
 public:
  explicit FirstMark(const FileName& file) : file_(file) {}
  [[nodiscard]] const Mark& mark() const noexcept { return mark_; }
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { see(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { see(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override {
    see(m);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    see(m);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    see(m);
  }
  void OnMapEnd() override {}

 private:
  void see(const YAML::Mark& m) {
    if (!seen_) mark_ = mark_of(m, file_);
    seen_ = true;
  }
  const FileName& file_;
  Mark mark_;
  bool seen_ = false;
};

/// The byte at a mark (line and column from 1), or 0.
char char_at(std::string_view text, const Mark& mark) {
  int line = 1;
  std::size_t start = 0;
  while (line < mark.line) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return 0;
    start = nl + 1;
    ++line;
  }
  const std::size_t at = start + static_cast<std::size_t>(std::max(mark.column, 1) - 1);
  return at < text.size() ? text[at] : '\0';
}

[[noreturn]] void syntax_error(const YAML::Exception& e, const FileName& file) {
  // yaml-cpp's guard against deep nesting says only "bad file".
  if (dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr) {
    throw InputError(mark_of(e.mark, file), "", "yaml syntax error: lists or maps nested too deeply");
  }
  std::string message = e.msg;
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  throw InputError(mark_of(e.mark, file), "", "yaml syntax error: " + message);
}

}  // namespace

Node parse_yaml(std::string_view text, const std::string& file_name) {
  const FileName file(file_name);  // one copy of the name for every mark
  check_tabs(text, file);
  const Mark start{file, 1, 1};
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  TreeBuilder builder(file);
  bool any = false;
  try {
    any = parser.HandleNextDocument(builder);
  } catch (const YAML::Exception& e) {
    syntax_error(e, file);
  }
  if (!any) {
    Node empty;
    empty.mark = start;
    return empty;
  }
  // One more document is an error. yaml-cpp 0.7 never consumes a ',' outside
  // a flow collection (its bug #1040: YAML::LoadAll then makes empty
  // documents until memory runs out); here it shows as a second document at
  // that comma, and parsing stops.
  FirstMark second(file);
  bool another = false;
  try {
    another = parser.HandleNextDocument(second);
  } catch (const YAML::Exception& e) {
    syntax_error(e, file);
  }
  if (another) {
    if (char_at(text, second.mark()) == ',') {
      throw InputError(
          second.mark(), "",
          "yaml syntax error: a ',' outside [...] or {...} (commas separate the items of a flow list "
          "or map only)");
    }
    throw InputError(second.mark(), "", "a second yaml document; one file holds one document");
  }
  Node root = builder.take_root();
  if (!root.mark.known()) root.mark = start;
  return root;
}

bool has_top_level_key(const std::filesystem::path& file, std::string_view key) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return false;
  std::ifstream in(file, std::ios::binary);
  std::string text(kMaxInputBytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  const std::string head = std::string(key) + ":";
  for (std::size_t at = 0; at < text.size();) {
    if (text.compare(at, head.size(), head) == 0) {
      const char next = at + head.size() < text.size() ? text[at + head.size()] : '\n';
      if (next == ' ' || next == '\n' || next == '\r' || next == '#') return true;
    }
    at = text.find('\n', at);
    if (at == std::string::npos) break;
    ++at;
  }
  return false;
}

Node parse_yaml_file(const std::filesystem::path& path, const std::string& file, std::size_t taken) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; the checks below
  // refuse it (and devices, folders) before anything is read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw InputError("cannot read \"" + file + "\": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw InputError("cannot read \"" + file + "\": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) {
    const char* what = S_ISDIR(st.st_mode)    ? "a directory"
                       : S_ISFIFO(st.st_mode) ? "a FIFO"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "not a regular file";
    throw InputError("cannot read \"" + file + "\": it is " + std::string(what) + ", not a regular file");
  }
  const std::size_t limit = taken < kMaxInputBytes ? kMaxInputBytes - taken : 0;
  const auto too_large = [&](std::uintmax_t bytes) {
    std::string message = "cannot read \"" + file + "\": it is " + std::to_string(bytes) + " bytes; ";
    if (taken == 0)
      return InputError(message + "a model or scenario file may be at most 4194304 bytes (4 MiB)");
    return InputError(message +
                      "a scenario's files (its extends chain) may be at most 4194304 bytes (4 MiB) in all, "
                      "and the files that extend it take " +
                      std::to_string(taken));
  };
  if (static_cast<std::uintmax_t>(st.st_size) > limit)
    throw too_large(static_cast<std::uintmax_t>(st.st_size));
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  // Read at most one byte past the limit: a file that grows while it is read
  // is refused too.
  std::string text(static_cast<std::size_t>(st.st_size) + 1, '\0');
  std::size_t got = 0;
  for (;;) {
    if (got == text.size()) {
      if (text.size() > limit) throw too_large(text.size());
      text.resize(std::min<std::size_t>(text.size() * 2, limit + 1));
    }
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError("cannot read \"" + file + "\": " + std::strerror(errno));
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);
  return parse_yaml(text, file);
}

namespace {

const Node* name_of(const Node& item) {
  if (!item.is_map()) return nullptr;
  const Entry* e = item.find("name");
  return e != nullptr && e->value.is_scalar() ? &e->value : nullptr;
}

bool is_named_list(const Node& list) {
  if (!list.is_list() || list.items.empty()) return false;
  for (const Node& item : list.items) {
    if (name_of(item) == nullptr) return false;
  }
  return true;
}

}  // namespace

Node merge(Node base, const Node& over, const std::string& path) {
  if (base.is_map() && over.is_map()) {
    for (const Entry& e : over.entries) {
      if (Entry* mine = base.find(e.key)) {
        mine->value = merge(std::move(mine->value), e.value, join_path(path, e.key));
        mine->key_mark = e.key_mark;
      } else {
        base.entries.push_back(e);
      }
    }
    // A merged map is where the override is (errors about it point at the
    // latest edit), except the root, which stays at the model's.
    if (!path.empty()) base.mark = over.mark;
    return base;
  }
  if (base.is_list() && is_named_list(over)) {
    std::map<std::string, const Node*> seen;
    // The base's items by name (the first of a name, as a linear search
    // would find it), so long lists merge in n log n.
    std::map<std::string, std::size_t, std::less<>> by_name;
    for (std::size_t k = 0; k < base.items.size(); ++k) {
      if (const Node* n = name_of(base.items[k])) by_name.emplace(n->text, k);
    }
    for (std::size_t i = 0; i < over.items.size(); ++i) {
      const Node& item = over.items[i];
      const Node& name = *name_of(item);
      const auto [it, fresh] = seen.emplace(name.text, &name);
      if (!fresh) {
        throw InputError(name.mark, join_path(item_path(path, i), "name"),
                         "duplicate name \"" + shown(name.text) + "\" in this list (also at line " +
                             std::to_string(it->second->mark.line) + ")");
      }
      const auto found = by_name.find(name.text);
      if (found != by_name.end()) {
        Node& target = base.items[found->second];
        target = merge(std::move(target), item, item_path(path, i));
      } else {
        by_name.emplace(name.text, base.items.size());
        base.items.push_back(item);
      }
    }
    base.mark = over.mark;
    return base;
  }
  return over;
}

}  // namespace sendsim::scenario

// Document heads decoded on a helper thread while a render goes on
// (chart::HeadsAhead): the same heads and errors as parse_manifest_head, and
// the same sort_manifests result as without them.
#include <doctest/doctest.h>

#include <pave/chart/heads_ahead.hpp>
#include <pave/chart/manifest.hpp>
#include <pave/codec/manifest_head.hpp>

using pave::chart::HeadsAhead;
using pave::chart::RenderedFile;

namespace {

/// A piece of `n` documents starting at number `first`; document `bad` (if
/// within) is not valid YAML.
std::shared_ptr<const std::string> piece(int first, int n, int bad = -1)
{
  std::string text;
  for (int i = first; i < first + n; ++i) {
    text += "---\n";
    if (i == bad) {
      text += "kind: [\n";
      continue;
    }
    text += "apiVersion: v1\nkind: " + std::string(i % 3 == 0 ? "Service" : "ConfigMap") + "\nmetadata:\n  name: m" +
            std::to_string(i) + "\n";
    if (i % 5 == 0) {
      text += "  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: \"" + std::to_string(i % 7) +
              "\"\n";
    }
  }
  return std::make_shared<const std::string>(std::move(text));
}

std::string describe(const pave::chart::DecodedHead& h)
{
  if (!h) {
    return "error: " + h.error().message;
  }
  std::string s = h->kind + "/" + h->name;
  for (const auto& [k, v] : h->annotations) {
    s += " " + k + "=" + v;
  }
  return s;
}

std::string describe(const pave::util::Result<pave::chart::SortedManifests>& sorted)
{
  if (!sorted) {
    return "error: " + sorted.error().message;
  }
  std::string s;
  for (const auto* list : {&sorted->generic, &sorted->hooks}) {
    for (const auto& m : *list) {
      s += std::string(m.source) + " " + m.kind + " " + m.name + " " + std::to_string(m.hook_weight) + " " +
           std::string(m.content.substr(0, 20)) + "\n";
    }
  }
  return s;
}

} // namespace

TEST_CASE("chart::HeadsAhead decodes what parse_manifest_head decodes, errors included")
{
  HeadsAhead ahead;
  std::vector<std::shared_ptr<const std::string>> pieces{piece(0, 40), piece(40, 40, 57), piece(80, 1),
                                                         std::make_shared<const std::string>("\n  \n")};
  std::vector<std::shared_ptr<pave::chart::PieceHeads>> handles;
  for (const auto& p : pieces) {
    handles.push_back(ahead.submit(p));
  }
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    auto decoded = handles[i]->take();
    REQUIRE(decoded);
    const auto docs = pave::chart::split_documents(*pieces[i]);
    CHECK(decoded->documents == docs); // the same views into the piece
    REQUIRE(decoded->heads.size() == docs.size());
    for (std::size_t d = 0; d < docs.size(); ++d) {
      CHECK(describe(decoded->heads[d]) == describe(pave::codec::parse_manifest_head(docs[d])));
    }
    CHECK_FALSE(handles[i]->take()); // handed over once
  }
}

TEST_CASE("chart::HeadsAhead: pieces still queued when it ends are dropped, not waited for forever")
{
  std::vector<std::shared_ptr<const std::string>> pieces;
  std::vector<std::shared_ptr<pave::chart::PieceHeads>> handles;
  {
    HeadsAhead ahead;
    for (int i = 0; i < 30; ++i) {
      pieces.push_back(piece(i * 200, 200));
      handles.push_back(ahead.submit(pieces.back()));
    }
  }
  // How many were decoded depends on the helper's pace; each is whole or
  // absent, and no take() blocks once the HeadsAhead is gone.
  for (std::size_t i = 0; i < handles.size(); ++i) {
    const auto decoded = handles[i]->take();
    if (!decoded) {
      continue;
    }
    CHECK(decoded->documents.size() == 200); // a piece is decoded whole or not at all
    CHECK(decoded->heads.size() == 200);
    CHECK(describe(decoded->heads.back()) == describe(pave::codec::parse_manifest_head(
                                         pave::chart::split_documents(*pieces[i]).back())));
  }
}

TEST_CASE("chart::sort_manifests takes heads decoded ahead and gives the same result")
{
  const std::string name = "c/templates/a.yaml";
  for (const int bad : {-1, 130, 250}) {
    CAPTURE(bad);
    const std::vector<std::shared_ptr<const std::string>> pieces{piece(0, 100, bad), piece(100, 100, bad),
                                                                 piece(200, 60, bad)};
    std::vector<RenderedFile> plain;
    std::vector<RenderedFile> decoded;
    HeadsAhead ahead;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      plain.push_back(RenderedFile{name, *pieces[i]});
      // The last piece of a template has none (see RenderedTemplate::heads).
      decoded.push_back(RenderedFile{name, *pieces[i], i + 1 < pieces.size() ? ahead.submit(pieces[i]) : nullptr});
    }
    const std::string want = describe(pave::chart::sort_manifests(plain));
    CHECK(describe(pave::chart::sort_manifests(decoded)) == want);
    if (bad >= 0) {
      CHECK(want.starts_with("error: YAML parse error on c/templates/a.yaml: error converting YAML to JSON: yaml: "));
    } else {
      CHECK(want.size() > 5000);
    }
  }
}

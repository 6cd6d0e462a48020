// Manifest splitting and install ordering, as helmref (Helm 4.2's
// releaseutil.SortManifests + helm template) does them.
#include <doctest/doctest.h>

#include <pave/chart/manifest.hpp>

using pave::chart::RenderedFile;

namespace {

std::string join(const std::vector<std::string_view>& v)
{
  std::string out;
  for (auto s : v) {
    out += "[" + std::string(s) + "]";
  }
  return out;
}

} // namespace

TEST_CASE("chart::split_documents")
{
  CHECK(join(pave::chart::split_documents("a: 1\n---\nb: 2\n")) == "[a: 1\n][b: 2\n]");
  CHECK(join(pave::chart::split_documents("\n\n---\n# c\na: 1\n---  \n\n---\n")) == "[# c\na: 1\n]");
  CHECK(join(pave::chart::split_documents("a: |\n  ---\n---x: 1\n")) == "[a: |\n  ---\n][x: 1\n]");
  CHECK(join(pave::chart::split_documents("  \n\t")) == "");
  CHECK(join(pave::chart::split_documents("----\na: 1")) == "[-\na: 1]");
}

TEST_CASE("chart::last_document_cut: the parts split into the documents of the whole")
{
  using pave::chart::last_document_cut;
  using pave::chart::split_documents;
  CHECK(last_document_cut("a: 1\n---\nb: 2\n---\nc: 3") == 14);
  CHECK(last_document_cut("---\na: 1\n") == std::string_view::npos); // only the first line
  CHECK(last_document_cut("a: |\n  ---\n") == std::string_view::npos);  // not at a line's start
  CHECK(last_document_cut("a: 1\n--") == std::string_view::npos);
  for (const std::string_view text :
       {"a: 1\n---\nb: 2\n---\nc: 3", "  \n---\na: 1\n---\n", "a\n----\nb", "a\n---x: 1\n---\t \n\n\ny",
        "x\n---\n---\ny", "a: |\n  ---\n---\nb", "\n---", "a\n--- ---\nb"}) {
    const std::size_t cut = last_document_cut(text);
    REQUIRE(cut != std::string_view::npos);
    auto parts = split_documents(text.substr(0, cut));
    for (auto d : split_documents(text.substr(cut))) {
      parts.push_back(d);
    }
    CHECK_MESSAGE(join(parts) == join(split_documents(text)), text);
  }
}

TEST_CASE("chart::split_manifests_trimmed")
{
  CHECK(join(pave::chart::split_manifests_trimmed("---\n# Source: a\nx: 1\n\n---\n# Source: b\ny: 2\n")) ==
        "[# Source: a\nx: 1][# Source: b\ny: 2]");
  CHECK(join(pave::chart::split_manifests_trimmed("x\n---\n---\ny")) == "[x][---\ny]");
  CHECK(join(pave::chart::split_manifests_trimmed("\n")) == "");
}

TEST_CASE("chart::sort_manifests")
{
  const std::vector<RenderedFile> files = {
      {"c/templates/_helpers.tpl", "kind: Secret\n"},
      {"c/templates/a.yaml", "kind: Deployment\nmetadata:\n  name: d\n---\nkind: Service\nmetadata:\n  name: s\n"},
      {"c/templates/b.yaml", "kind: Zebra\n---\nkind: Alpha\n---\nkind: ConfigMap\n"},
      {"c/templates/empty.yaml", "\n  \n"},
      {"c/templates/hooks.yaml",
       "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install, Post-Upgrade\n"
       "    helm.sh/hook-weight: \"5\"\n---\n"
       "kind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test-success\n"
       "    helm.sh/hook-weight: \"-1\"\n---\n"
       "kind: ConfigMap\nmetadata:\n  name: cm\n  annotations:\n    helm.sh/hook: pre-install\n---\n"
       "kind: Job\nmetadata:\n  name: bad\n  annotations:\n    helm.sh/hook: pre-launch\n---\n"
       "kind: Secret\nmetadata:\n  annotations:\n    other: x\n"},
  };
  auto sorted = pave::chart::sort_manifests(files);
  REQUIRE(sorted);
  std::string generic;
  for (const auto& m : sorted->generic) {
    generic += m.kind + "(" + std::string(m.source.substr(12)) + ") ";
  }
  CHECK(generic == "Secret(hooks.yaml) ConfigMap(b.yaml) Service(a.yaml) Deployment(a.yaml) Alpha(b.yaml) "
                   "Zebra(b.yaml) ");
  std::string hooks;
  for (const auto& m : sorted->hooks) {
    hooks += m.name + ":" + std::to_string(m.hook_weight);
    for (const auto& e : m.hook_events) {
      hooks += "," + e;
    }
    hooks += " ";
  }
  CHECK(hooks == "t:-1,test cm:0,pre-install bad:0,pre-launch j:5,pre-install,post-upgrade ");
  CHECK(sorted->generic[2].content == "kind: Service\nmetadata:\n  name: s\n");

  auto bad = pave::chart::sort_manifests({{"c/templates/x.yaml", "kind: [\n"}});
  REQUIRE(!bad);
  CHECK(bad.error().message.starts_with("YAML parse error on c/templates/x.yaml: error converting YAML to JSON: yaml: "));
}

TEST_CASE("chart::install_order")
{
  CHECK(pave::chart::install_order("PriorityClass") == 0);
  CHECK(pave::chart::install_order("Service") == 23);
  CHECK(pave::chart::install_order("ValidatingWebhookConfiguration") == 37);
  CHECK(pave::chart::install_order("Widget") == -1);
}

TEST_CASE("chart::trim_space")
{
  CHECK(pave::chart::trim_space("\xC2\xA0 x \n\xE3\x80\x80") == "x");
  CHECK(pave::chart::trim_left_space("\t\nx \n") == "x \n");
  CHECK(pave::chart::trim_right_space(" x\u2028") == " x");
}

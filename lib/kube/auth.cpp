#include <pave/kube/auth.hpp>

#include <mutex>

#include <spdlog/spdlog.h>

#include <pave/util/fs.hpp>
#include <pave/util/base64.hpp>
#include <pave/util/strings.hpp>

namespace pave::kube {

namespace {

class StaticSource final : public CredentialSource
{
public:
  explicit StaticSource(Credentials c) : m_creds(std::move(c)) {}
  util::Result<Credentials> get() override { return m_creds; }
  void invalidate(const Credentials&) override {}

private:
  Credentials m_creds;
};

class TokenFileSource final : public CredentialSource
{
public:
  TokenFileSource(std::string path, util::Clock& clock) : m_path(std::move(path)), m_clock(clock) {}

  util::Result<Credentials> get() override
  {
    std::lock_guard lock(m_mutex);
    const auto now = m_clock.now();
    if (!m_loaded || now - m_read_at >= k_token_file_refresh) {
      auto text = util::read_file(m_path);
      if (!text) {
        if (m_loaded) {
          spdlog::warn("kube: keeping the last token: {}", text.error().message);
          return m_creds;
        }
        return std::unexpected(text.error());
      }
      m_creds.token = std::string(util::trim(*text));
      m_read_at = now;
      m_loaded = true;
    }
    return m_creds;
  }

  void invalidate(const Credentials& used) override
  {
    std::lock_guard lock(m_mutex);
    if (used == m_creds) {
      m_loaded = false; // re-read now rather than within the minute
    }
  }

private:
  std::string m_path;
  util::Clock& m_clock;
  std::mutex m_mutex;
  Credentials m_creds;
  std::chrono::system_clock::time_point m_read_at;
  bool m_loaded = false;
};

class ExecSource final : public CredentialSource
{
public:
  ExecSource(ExecConfig exec, ClusterConfig cluster, util::Clock& clock)
      : m_exec(std::move(exec)), m_cluster(std::move(cluster)), m_clock(clock)
  {
  }

  util::Result<Credentials> get() override
  {
    std::lock_guard lock(m_mutex); // one plugin run at a time; others wait for its result
    if (m_cached && (!m_cached->expiry || m_clock.now() + k_expiry_margin < *m_cached->expiry)) {
      return *m_cached;
    }
    spdlog::debug("kube: running exec credential plugin {}", m_exec.command);
    PAVE_TRY_ASSIGN(Credentials c, run_exec_plugin(m_exec, m_cluster));
    m_cached = c;
    return c;
  }

  void invalidate(const Credentials& used) override
  {
    std::lock_guard lock(m_mutex);
    if (m_cached && *m_cached == used) {
      m_cached.reset();
    }
  }

private:
  ExecConfig m_exec;
  ClusterConfig m_cluster;
  util::Clock& m_clock;
  std::mutex m_mutex;
  std::optional<Credentials> m_cached;
};

} // namespace

std::shared_ptr<CredentialSource> make_credential_source(const RestConfig& config, util::Clock& clock)
{
  const UserConfig& u = config.user;
  if (u.exec) {
    return std::make_shared<ExecSource>(*u.exec, config.cluster, clock);
  }
  if (u.token.empty() && !u.token_file.empty()) {
    return std::make_shared<TokenFileSource>(u.token_file, clock);
  }
  Credentials c;
  c.token = u.token;
  c.username = u.username;
  c.password = u.password;
  return std::make_shared<StaticSource>(std::move(c));
}

std::string authorization_header(const Credentials& c)
{
  if (!c.token.empty()) {
    return "Bearer " + c.token;
  }
  if (!c.username.empty()) {
    return "Basic " + util::base64_encode(c.username + ":" + c.password);
  }
  return {};
}

} // namespace pave::kube

#include <pave/template/parse_ahead.hpp>

#include <algorithm>
#include <system_error>

#include <pave/template/parser.hpp>
#include <pave/template/stack_guard.hpp>
#include <pave/util/parallel.hpp>

namespace pave::tmpl {

namespace {

/// An upper bound of the nesting a text can reach: every level needs a '(' or an action.
bool may_nest_deeply(std::string_view text)
{
  constexpr std::size_t k_shallow = 1000;
  std::size_t opens = static_cast<std::size_t>(std::count(text.begin(), text.end(), '('));
  for (std::size_t pos = text.find("{{"); pos != std::string_view::npos && opens <= k_shallow;
       pos = text.find("{{", pos + 2)) {
    ++opens;
  }
  return opens > k_shallow;
}

} // namespace

ParsedTrees parse_text(std::string_view name, std::string_view text, const FunctionTable& funcs,
                       const Limits& limits)
{
  ParsedTrees trees;
  auto do_parse = [&] { trees = parse_template(name, text, funcs, limits.max_parse_depth); };
  if (may_nest_deeply(text)) {
    run_with_stack(limits.max_stack, do_parse);
  } else {
    do_parse();
  }
  return trees;
}

ParseAhead::ParseAhead(const FunctionTable& funcs, Limits limits) : m_funcs(funcs), m_limits(limits) {}

ParseAhead::~ParseAhead()
{
  cancel();
  if (m_worker.joinable()) {
    m_worker.join();
  }
}

void ParseAhead::submit(std::string name, util::SharedBytes text)
{
  std::lock_guard lock(m_mutex);
  auto job = std::make_unique<Job>();
  job->name = std::move(name);
  job->text = std::move(text);
  Job* j = job.get();
  m_jobs.push_back(std::move(job));
  m_by_name.insert_or_assign(std::string_view(j->name), j);
  m_queue.push_back(j);
  m_queued_bytes += j->text.size();
  // A second thread pays for itself from a few tens of KiB of templates: below
  // that, starting it costs more than the parse it takes over.
  constexpr std::size_t k_worker_from_bytes = 32 * 1024;
  if (!m_worker.joinable() && !m_stop && m_queued_bytes >= k_worker_from_bytes) {
    try {
      m_worker = util::start_thread([this] { work(); });
    } catch (const std::system_error&) {
      m_stop = true; // no thread: take() parses every text itself
    }
  }
  m_queued_cv.notify_one();
}

void ParseAhead::run_job(std::unique_lock<std::mutex>& lock, std::vector<Job*>::iterator queued)
{
  Job& job = **queued;
  m_queue.erase(queued);
  job.state = State::running;
  lock.unlock();
  try {
    job.result = parse_text(job.name, job.text, m_funcs, m_limits);
  } catch (...) {
    job.thrown = std::current_exception();
  }
  lock.lock();
  job.state = State::done;
  m_done_cv.notify_all();
}

void ParseAhead::work()
{
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_queued_cv.wait(lock, [&] { return m_stop || !m_queue.empty(); });
    if (m_stop) {
      return;
    }
    // The largest text first, so that the calling thread, which takes the
    // rest largest first too, is not left waiting on a large one at the end.
    run_job(lock, std::max_element(m_queue.begin(), m_queue.end(), [](const Job* a, const Job* b) {
              return a->text.size() < b->text.size();
            }));
  }
}

ParseAhead::Claim ParseAhead::take(std::string_view name, std::string_view text, ParsedTrees& out, bool wait)
{
  std::unique_lock lock(m_mutex);
  const auto found = m_by_name.find(name);
  if (found == m_by_name.end()) {
    return Claim::absent;
  }
  Job& job = *found->second;
  if (job.text.data() != text.data() || job.text.size() != text.size() || job.state == State::taken) {
    return Claim::absent;
  }
  if (job.state == State::queued) {
    run_job(lock, std::find(m_queue.begin(), m_queue.end(), &job));
  } else if (job.state == State::running) {
    if (!wait) {
      return Claim::busy;
    }
    m_done_cv.wait(lock, [&] { return job.state == State::done; });
  }
  job.state = State::taken;
  if (job.thrown) {
    std::rethrow_exception(job.thrown);
  }
  out = std::move(job.result);
  return Claim::taken;
}

void ParseAhead::cancel()
{
  std::lock_guard lock(m_mutex);
  m_stop = true;
  for (Job* j : m_queue) {
    j->state = State::taken; // never to be parsed: take() reports it absent
  }
  m_queue.clear();
  m_queued_cv.notify_all();
}

} // namespace pave::tmpl

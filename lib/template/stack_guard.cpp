#include <pave/template/stack_guard.hpp>

#include <condition_variable>
#include <cstdint>
#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <ucontext.h>
#include <unistd.h>

namespace pave::tmpl {

namespace {

constexpr std::size_t k_reserve = std::size_t(256) << 10; // left for callees (fmt, functions, libc)

// Jobs run on a large stack of the calling thread (StackFiber, swapcontext),
// or, under the sanitizers, which do not follow stack switches, on a worker
// thread with a large stack (StackWorker).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PAVE_STACK_FIBER 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define PAVE_STACK_FIBER 0
#endif
#endif
#ifndef PAVE_STACK_FIBER
#define PAVE_STACK_FIBER 1
#endif

#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer mishandles exceptions thrown on stacks over 64 MiB
// (google/sanitizers#189), so sanitizer builds use smaller stacks.
constexpr std::size_t k_max_thread_stack = std::size_t(60) << 20;
#else
constexpr std::size_t k_max_thread_stack = SIZE_MAX;
#endif

struct StackBounds
{
  char* low = nullptr;  ///< lowest usable address (the stack grows down)
  char* limit = nullptr; ///< low + reserve
};

thread_local StackBounds t_bounds;
/// The deepest frame stack_exhausted() saw on this thread.
thread_local char* t_low_water = nullptr;
/// The limit of the job run_with_stack is running (it may ask for less stack than the thread has).
thread_local char* t_job_limit = nullptr;

StackBounds& bounds()
{
  if (t_bounds.low == nullptr) {
    char* const frame = static_cast<char*>(__builtin_frame_address(0));
    char* low = nullptr;
    rlimit rl{};
    if (getpid() == gettid() && getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        rl.rlim_cur > (std::size_t(2) << 20)) {
      // The main thread: its stack may grow to RLIMIT_STACK below its top
      // (asking pthread would read /proc/self/maps). Assume callers above us
      // used less than 1 MiB of it.
      low = frame - (rl.rlim_cur - (std::size_t(1) << 20));
    } else {
      pthread_attr_t attr;
      void* addr = nullptr;
      std::size_t size = 0;
      if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
      }
      low = static_cast<char*>(addr);
    }
    if (low == nullptr) {
      // Unknown: assume 8 MiB below the current frame.
      low = frame - (std::size_t(8) << 20);
    }
    t_bounds.low = low;
    t_bounds.limit = low + k_reserve;
  }
  return t_bounds;
}

/// Runs fn with the stack limited to `needed` bytes below the current frame.
void run_limited(std::size_t needed, const std::function<void()>& fn)
{
  char* const frame = static_cast<char*>(__builtin_frame_address(0));
  char* const saved = t_job_limit;
  const std::size_t depth_left = needed > k_reserve ? needed - k_reserve : 0;
  t_job_limit = frame - std::min<std::size_t>(depth_left, static_cast<std::size_t>(frame - bounds().low));
  struct Restore
  {
    char* saved;
    ~Restore() { t_job_limit = saved; }
  } restore{saved};
  fn();
}

/// A thread with a large stack that runs jobs for the thread that owns it:
/// creating a thread per job costs far more than handing the job over.
class StackWorker
{
public:
  explicit StackWorker(std::size_t stack_size) : m_stack_size(stack_size)
  {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack_size);
    m_started = pthread_create(&m_thread, &attr, &StackWorker::main, this) == 0;
    pthread_attr_destroy(&attr);
  }
  ~StackWorker()
  {
    if (m_started) {
      {
        std::lock_guard lock(m_mutex);
        m_stop = true;
      }
      m_cv.notify_all();
      pthread_join(m_thread, nullptr);
    }
  }
  StackWorker(const StackWorker&) = delete;
  StackWorker& operator=(const StackWorker&) = delete;

  bool started() const { return m_started; }
  std::size_t stack_size() const { return m_stack_size; }

  /// Runs fn on the worker and waits for it; rethrows what fn threw.
  void run(std::size_t needed, const std::function<void()>& fn)
  {
    std::unique_lock lock(m_mutex);
    m_job = &fn;
    m_needed = needed;
    m_done = false;
    m_error = nullptr;
    m_cv.notify_all();
    m_cv.wait(lock, [this] { return m_done; });
    m_job = nullptr;
    if (m_error) {
      std::rethrow_exception(m_error);
    }
  }

private:
  static void* main(void* self)
  {
    static_cast<StackWorker*>(self)->loop();
    return nullptr;
  }

  void loop()
  {
    std::unique_lock lock(m_mutex);
    for (;;) {
      m_cv.wait(lock, [this] { return m_stop || (m_job != nullptr && !m_done); });
      if (m_stop) {
        return;
      }
      const std::function<void()>* job = m_job;
      lock.unlock();
      std::exception_ptr error;
      try {
        run_limited(m_needed, *job);
      } catch (...) {
        error = std::current_exception();
      }
      release_unused_stack();
      lock.lock();
      m_error = error;
      m_done = true;
      m_cv.notify_all();
    }
  }

  /// Gives the pages a deep recursion touched back to the system.
  static void release_unused_stack()
  {
    constexpr std::size_t k_keep = std::size_t(8) << 20;
    char* frame = static_cast<char*>(__builtin_frame_address(0));
    if (t_low_water == nullptr || frame - t_low_water < static_cast<std::ptrdiff_t>(2 * k_keep)) {
      return;
    }
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto lo = (reinterpret_cast<std::uintptr_t>(t_low_water) & ~(page - 1)) - page;
    const auto hi = (reinterpret_cast<std::uintptr_t>(frame) - k_keep) & ~(page - 1);
    const auto base = reinterpret_cast<std::uintptr_t>(bounds().low) + page;
    const auto from = lo > base ? lo : base;
    if (hi > from) {
      madvise(reinterpret_cast<void*>(from), hi - from, MADV_DONTNEED);
    }
    t_low_water = frame;
  }

  std::size_t m_stack_size;
  pthread_t m_thread{};
  bool m_started = false;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  const std::function<void()>* m_job = nullptr;
  std::size_t m_needed = 0;
  bool m_done = true;
  bool m_stop = false;
  std::exception_ptr m_error;
};

thread_local std::unique_ptr<StackWorker> t_worker;

#if PAVE_STACK_FIBER
/// A large stack that jobs run on without leaving the calling thread
/// (swapcontext): handing a job to a worker thread and back cost a render of
/// a small chart more waiting than working when the cores are busy.
class StackFiber
{
public:
  explicit StackFiber(std::size_t stack_size) : m_size(stack_size)
  {
    void* p = mmap(nullptr, m_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                   -1, 0);
    if (p == MAP_FAILED) {
      return;
    }
    m_base = static_cast<char*>(p);
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    mprotect(m_base, page, PROT_NONE); // guard page at the bottom
    m_low = m_base + page;
  }
  ~StackFiber()
  {
    if (m_base != nullptr) {
      munmap(m_base, m_size);
    }
  }
  StackFiber(const StackFiber&) = delete;
  StackFiber& operator=(const StackFiber&) = delete;

  bool started() const { return m_base != nullptr; }
  std::size_t stack_size() const { return m_size; }
  /// True while a job runs on the fiber (a nested call needing a fresh stack goes to a worker thread).
  bool busy() const { return m_job != nullptr; }

  /// Runs fn on the fiber's stack and returns to the caller's; rethrows what fn threw.
  void run(std::size_t needed, const std::function<void()>& fn)
  {
    m_job = &fn;
    m_needed = needed;
    m_error = nullptr;
    // The stack checks are per thread: while the job runs they describe the fiber's stack.
    const StackBounds saved_bounds = t_bounds;
    char* const saved_low_water = t_low_water;
    t_bounds = StackBounds{m_low, m_low + k_reserve};
    t_low_water = nullptr;
    getcontext(&m_fiber);
    m_fiber.uc_stack.ss_sp = m_low;
    m_fiber.uc_stack.ss_size = m_size - static_cast<std::size_t>(m_low - m_base);
    m_fiber.uc_link = &m_caller;
    t_fiber = this;
    makecontext(&m_fiber, &StackFiber::entry, 0);
    swapcontext(&m_caller, &m_fiber);
    t_bounds = saved_bounds;
    t_low_water = saved_low_water;
    m_job = nullptr;
    if (m_error) {
      std::rethrow_exception(m_error);
    }
  }

private:
  static void entry()
  {
    StackFiber* self = t_fiber;
    try {
      run_limited(self->m_needed, *self->m_job);
    } catch (...) {
      self->m_error = std::current_exception();
    }
    self->release_unused_stack();
  } // returns to m_caller (uc_link)

  /// Gives the pages a deep job touched back to the system.
  void release_unused_stack() const
  {
    constexpr std::size_t k_keep = std::size_t(8) << 20;
    char* const top = m_base + m_size;
    if (t_low_water == nullptr || top - t_low_water < static_cast<std::ptrdiff_t>(2 * k_keep)) {
      return;
    }
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto from = std::max(reinterpret_cast<std::uintptr_t>(m_low),
                               (reinterpret_cast<std::uintptr_t>(t_low_water) & ~(page - 1)) - page);
    const auto to = (reinterpret_cast<std::uintptr_t>(top) - k_keep) & ~(page - 1);
    if (to > from) {
      madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
    }
  }

  static thread_local StackFiber* t_fiber;

  std::size_t m_size;
  char* m_base = nullptr;
  char* m_low = nullptr;
  ucontext_t m_fiber{};
  ucontext_t m_caller{};
  const std::function<void()>* m_job = nullptr;
  std::size_t m_needed = 0;
  std::exception_ptr m_error;
};

thread_local StackFiber* StackFiber::t_fiber = nullptr;
thread_local std::unique_ptr<StackFiber> t_fiber_stack;
#endif

} // namespace

bool stack_exhausted()
{
  // The current frame's address shows how deep the stack is.
  char* frame = static_cast<char*>(__builtin_frame_address(0));
  if (frame < t_low_water || t_low_water == nullptr) {
    t_low_water = frame;
  }
  return frame < bounds().limit || frame < t_job_limit;
}

void run_with_stack(std::size_t needed, const std::function<void()>& fn)
{
  needed = std::min(needed, k_max_thread_stack);
  const StackBounds& b = bounds();
  if (static_cast<std::size_t>(static_cast<char*>(__builtin_frame_address(0)) - b.low) >= needed / 2) {
    run_limited(needed, fn);
    return;
  }
#if PAVE_STACK_FIBER
  if (t_fiber_stack == nullptr || (!t_fiber_stack->busy() && t_fiber_stack->stack_size() < needed)) {
    t_fiber_stack = std::make_unique<StackFiber>(needed);
  }
  if (t_fiber_stack->started() && !t_fiber_stack->busy() && t_fiber_stack->stack_size() >= needed) {
    t_fiber_stack->run(needed, fn);
    return;
  }
#endif
  if (t_worker == nullptr || t_worker->stack_size() < needed) {
    t_worker.reset();
    t_worker = std::make_unique<StackWorker>(needed);
  }
  if (!t_worker->started()) {
    fn(); // no thread: run here, with the stack checks as the safety net
    return;
  }
  t_worker->run(needed, fn);
}

} // namespace pave::tmpl

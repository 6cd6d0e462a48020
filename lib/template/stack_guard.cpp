#include <pave/template/stack_guard.hpp>

#include <exception>
#include <pthread.h>

namespace pave::tmpl {

namespace {

constexpr std::size_t k_reserve = std::size_t(256) << 10; // left for callees (fmt, functions, libc)

struct StackBounds
{
  char* low = nullptr;  ///< lowest usable address (the stack grows down)
  char* limit = nullptr; ///< low + reserve
};

thread_local StackBounds t_bounds;

StackBounds& bounds()
{
  if (t_bounds.low == nullptr) {
    pthread_attr_t attr;
    void* addr = nullptr;
    std::size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstack(&attr, &addr, &size);
      pthread_attr_destroy(&attr);
    }
    char* low = static_cast<char*>(addr);
    if (low == nullptr) {
      // Unknown: assume 8 MiB below the current frame.
      low = static_cast<char*>(__builtin_frame_address(0)) - (std::size_t(8) << 20);
    }
    t_bounds.low = low;
    t_bounds.limit = low + k_reserve;
  }
  return t_bounds;
}

struct ThreadJob
{
  const std::function<void()>* fn;
  std::exception_ptr error;
};

void* thread_main(void* arg)
{
  auto* job = static_cast<ThreadJob*>(arg);
  try {
    (*job->fn)();
  } catch (...) {
    job->error = std::current_exception();
  }
  return nullptr;
}

} // namespace

bool stack_exhausted()
{
  // The current frame's address shows how deep the stack is.
  return static_cast<char*>(__builtin_frame_address(0)) < bounds().limit;
}

void check_stack()
{
  if (stack_exhausted()) {
    throw StackExhausted{};
  }
}

void run_with_stack(std::size_t needed, const std::function<void()>& fn)
{
  const StackBounds& b = bounds();
  if (static_cast<std::size_t>(static_cast<char*>(__builtin_frame_address(0)) - b.low) >= needed / 2) {
    fn();
    return;
  }
  ThreadJob job{&fn, nullptr};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, needed);
  pthread_t thread;
  const int rc = pthread_create(&thread, &attr, thread_main, &job);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    fn(); // no thread: run here, with check_stack() as the safety net
    return;
  }
  pthread_join(thread, nullptr);
  if (job.error) {
    std::rethrow_exception(job.error);
  }
}

} // namespace pave::tmpl

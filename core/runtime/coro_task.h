#pragma once
// A C++20 coroutine that runs on an EventLoop: `async def` in Python. It is
// lazy; the loop starts it once spawned, or another coroutine runs it inline
// by awaiting it (`await child()`), on the awaiting coroutine's lane. Errors
// and cancellation travel as exceptions, so an awaiting coroutine sees them
// and every local is destroyed on the way out. No Qt.
#include <atomic>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <new>
#include <utility>

namespace cl::runtime {

// Thrown at the await point of a cancelled task, as asyncio.CancelledError.
struct Cancelled {};

// Bytes of coroutine frames alive, to measure what a suspended coroutine costs.
inline std::atomic<std::size_t> g_coroutineFrameBytes{0};

class Task {
public:
    struct promise_type {
        std::coroutine_handle<> continuation; // the awaiting coroutine; null for a spawned task
        std::exception_ptr error;

        static void *operator new(std::size_t n)
        {
            g_coroutineFrameBytes.fetch_add(n, std::memory_order_relaxed);
            return ::operator new(n);
        }
        static void operator delete(void *p, std::size_t n)
        {
            g_coroutineFrameBytes.fetch_sub(n, std::memory_order_relaxed);
            ::operator delete(p);
        }

        Task get_return_object() { return Task(std::coroutine_handle<promise_type>::from_promise(*this)); }
        std::suspend_always initial_suspend() noexcept { return {}; }
        struct Final {
            bool await_ready() noexcept { return false; }
            // Symmetric transfer back to the awaiting coroutine; a spawned
            // task returns to the loop that resumed it.
            std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept
            {
                auto c = h.promise().continuation;
                return c ? c : std::noop_coroutine();
            }
            void await_resume() noexcept {}
        };
        Final final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() { error = std::current_exception(); }
    };
    using Handle = std::coroutine_handle<promise_type>;

    Task() = default;
    explicit Task(Handle h) : m_h(h) {}
    Task(Task &&o) noexcept : m_h(std::exchange(o.m_h, {})) {}
    Task &operator=(Task &&o) noexcept
    {
        if (this != &o) {
            reset();
            m_h = std::exchange(o.m_h, {});
        }
        return *this;
    }
    ~Task() { reset(); }

    // Destroying a suspended frame runs the destructors of its locals: the
    // clean unwinding of a task that never gets resumed.
    void reset()
    {
        if (m_h)
            m_h.destroy();
        m_h = {};
    }
    Handle handle() const { return m_h; }
    bool done() const { return !m_h || m_h.done(); }
    std::exception_ptr error() const { return m_h ? m_h.promise().error : nullptr; }

    // `co_await child()`: runs the child inline until it finishes.
    bool await_ready() const noexcept { return done(); }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept
    {
        m_h.promise().continuation = awaiting;
        return m_h;
    }
    void await_resume() const
    {
        if (m_h && m_h.promise().error)
            std::rethrow_exception(m_h.promise().error);
    }

private:
    Handle m_h;
};

} // namespace cl::runtime

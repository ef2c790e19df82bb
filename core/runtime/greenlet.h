#pragma once
// Greenlet-style coroutines: nothing schedules them; a running greenlet hands
// the thread to another by an explicit switch (gr2.switch() in Python), and
// the other continues exactly where it last switched away. The host thread
// itself is the "main" greenlet: a greenlet that ends, or switches to main,
// returns there. Built on C++20 coroutines with symmetric transfer, so a
// switch is a jump, not a call: the stack does not grow. No Qt.
#include "core/runtime/coro_task.h"
#include "core/runtime/coro_tracer.h"

#include <coroutine>
#include <string_view>
#include <utility>

namespace cl::runtime {

class GreenletHub;

// The body of a greenlet: a coroutine function returning GreenletBody.
class GreenletBody {
public:
    struct promise_type {
        GreenletHub *hub = nullptr;
        std::int32_t lane = 0;
        std::exception_ptr error;
        GreenletBody get_return_object()
        {
            return GreenletBody(std::coroutine_handle<promise_type>::from_promise(*this));
        }
        std::suspend_always initial_suspend() noexcept { return {}; }
        struct Final {
            bool await_ready() noexcept { return false; }
            // An ended greenlet returns to its parent, the main one.
            std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept;
            void await_resume() noexcept {}
        };
        Final final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() { error = std::current_exception(); }
    };
    using Handle = std::coroutine_handle<promise_type>;
    GreenletBody() = default;
    explicit GreenletBody(Handle h) : m_h(h) {}
    GreenletBody(GreenletBody &&o) noexcept : m_h(std::exchange(o.m_h, {})) {}
    GreenletBody &operator=(GreenletBody &&o) noexcept
    {
        std::swap(m_h, o.m_h);
        return *this;
    }
    ~GreenletBody()
    {
        if (m_h)
            m_h.destroy(); // a greenlet never switched back to is unwound, as by GreenletExit
    }
    Handle handle() const { return m_h; }

private:
    Handle m_h;
};

class Greenlet {
public:
    Greenlet() = default;
    bool started() const { return m_started; }
    bool dead() const { return !m_body.handle() || m_body.handle().done(); }
    std::int32_t lane() const { return m_lane; }

private:
    friend class GreenletHub;
    GreenletBody m_body;
    std::int32_t m_lane = 0;
    bool m_started = false;
};

class GreenletHub {
public:
    explicit GreenletHub(CoroTracer &tracer) : m_tracer(tracer) {}

    // greenlet(func): the body does not run until switched to.
    void create(Greenlet &g, std::string_view name, GreenletBody body);

    // From the main greenlet (plain code on the host thread): run `g` until
    // control comes back to main. False if `g` is dead.
    bool switchFromMain(Greenlet &g);

    // From inside a greenlet: `co_await hub.switchTo(other)`. To main:
    // `co_await hub.switchToMain()`.
    struct Switch {
        GreenletHub &hub;
        Greenlet *target; // null: main
        bool await_ready() const noexcept { return false; }
        std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept;
        void await_resume() const noexcept {}
    };
    Switch switchTo(Greenlet &g) { return Switch{*this, &g}; }
    Switch switchToMain() { return Switch{*this, nullptr}; }

    void print(std::string_view line) { m_tracer.print(m_tracer.current(), line); }
    CoroTracer &tracer() { return m_tracer; }
    std::uint64_t switches() const { return m_switches; }

private:
    friend struct GreenletBody::promise_type::Final;
    CoroTracer &m_tracer;
    std::uint64_t m_switches = 0;
};

} // namespace cl::runtime

#pragma once
// Python generators on C++20 coroutines: `co_yield v` hands v to whoever
// called next() or send(), and evaluates to what the next send() passes in
// (`x = yield v`); `co_yield YieldFrom{sub}` delegates to another generator
// until it is exhausted (`yield from sub`). Each generator is a lane of the
// thread that drives it; next() and send() are switches into it and every
// yield a switch back. No Qt.
#include "core/runtime/coro_tracer.h"

#include <coroutine>
#include <exception>
#include <optional>
#include <string_view>
#include <utility>

namespace cl::runtime {

template<typename T> class Generator;

// `auto sub = gen(); co_yield YieldFrom<T>{sub};` The sub-generator is a
// local of the delegating one, so it lives across the suspension (GCC 12
// mishandles a generator held by a temporary in a co_yield expression).
template<typename T> struct YieldFrom {
    Generator<T> &sub;
};

template<typename T> class Generator {
public:
    struct promise_type {
        T value{};
        T received{};
        Generator *delegate = nullptr; // set by `co_yield YieldFrom{...}`
        std::exception_ptr error;

        Generator get_return_object()
        {
            return Generator(std::coroutine_handle<promise_type>::from_promise(*this));
        }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        struct Received {
            promise_type &p;
            bool await_ready() const noexcept { return false; }
            void await_suspend(std::coroutine_handle<>) const noexcept {}
            T await_resume() const { return p.received; }
        };
        Received yield_value(T v)
        {
            value = std::move(v);
            return Received{*this};
        }
        Received yield_value(YieldFrom<T> from)
        {
            delegate = &from.sub;
            return Received{*this};
        }
        void return_void() {}
        void unhandled_exception() { error = std::current_exception(); }
    };
    using Handle = std::coroutine_handle<promise_type>;

    Generator() = default;
    explicit Generator(Handle h) : m_h(h) {}
    Generator(Generator &&o) noexcept
        : m_h(std::exchange(o.m_h, {})), m_tracer(std::exchange(o.m_tracer, nullptr)), m_lane(o.m_lane)
    {
    }
    Generator &operator=(Generator &&o) noexcept
    {
        std::swap(m_h, o.m_h);
        std::swap(m_tracer, o.m_tracer);
        std::swap(m_lane, o.m_lane);
        return *this;
    }
    ~Generator()
    {
        if (m_tracer)
            m_tracer->endLane(m_lane);
        if (m_h)
            m_h.destroy();
    }

    // Gives the generator a lane named `name` on `tracer`'s thread.
    Generator &&traced(CoroTracer &tracer, std::string_view name) &&
    {
        m_tracer = &tracer;
        m_lane = tracer.newLane(name);
        return std::move(*this);
    }

    // next(gen): the next value, or nothing when the generator is exhausted.
    std::optional<T> next() { return send(T{}); }
    // gen.send(v): the yield that suspended the generator evaluates to v.
    std::optional<T> send(T v)
    {
        if (!m_h || m_h.done())
            return std::nullopt;
        promise_type &p = m_h.promise();
        for (;;) {
            if (p.delegate) {
                if (auto r = p.delegate->send(v))
                    return r;
                p.delegate = nullptr; // exhausted: the delegating generator continues
            }
            p.received = v;
            resumeTraced();
            if (m_h.done()) {
                if (p.error)
                    std::rethrow_exception(p.error);
                return std::nullopt;
            }
            if (!p.delegate)
                return p.value;
        }
    }

private:
    void resumeTraced()
    {
        if (!m_tracer) {
            m_h.resume();
            return;
        }
        const std::int32_t caller = m_tracer->current();
        m_tracer->switchTo(caller, CoroWait::Generator, m_lane);
        m_h.resume();
        m_tracer->switchTo(m_lane, CoroWait::Generator, caller);
    }

    Handle m_h;
    CoroTracer *m_tracer = nullptr;
    std::int32_t m_lane = 0;
};

} // namespace cl::runtime

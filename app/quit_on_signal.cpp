#include "app/quit_on_signal.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <cerrno>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace cl::app {

namespace {
int g_signalPipe[2] = {-1, -1};
volatile std::sig_atomic_t g_firstSignal = 0;

void onSignal(int signal)
{
    if (g_firstSignal == 0)
        g_firstSignal = signal;
    const int savedErrno = errno; // the interrupted code may be about to read errno
    const char c = char(signal);
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1); // async-signal-safe
    errno = savedErrno;
}
} // namespace

void onTerminationSignal(QObject *context, std::function<void(int)> handler)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [handler = std::move(handler)] {
        char c = 0;
        if (::read(g_signalPipe[0], &c, 1) == 1)
            handler(int(c));
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | SA_RESETHAND;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

int terminationSignalReceived() { return g_firstSignal; }

void quitOnTerminationSignals(QObject *context)
{
    onTerminationSignal(context, [](int) { QCoreApplication::quit(); });
}

} // namespace cl::app

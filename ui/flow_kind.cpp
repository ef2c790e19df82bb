#include "ui/flow_kind.h"

#include <QCoreApplication>

namespace cl::ui {

const std::array<trace::FlowKind, std::size_t(trace::FlowKind::Count)> &allFlowKinds()
{
    static const std::array<trace::FlowKind, std::size_t(trace::FlowKind::Count)> kinds{
        trace::FlowKind::Lock, trace::FlowKind::Queue, trace::FlowKind::Pipe, trace::FlowKind::Callback,
        trace::FlowKind::Other};
    return kinds;
}

QString flowKindName(trace::FlowKind kind)
{
    switch (kind) {
    case trace::FlowKind::Lock:
        return QCoreApplication::translate("cl::ui::FlowKind", "lock hand-overs");
    case trace::FlowKind::Queue:
        return QCoreApplication::translate("cl::ui::FlowKind", "queue items");
    case trace::FlowKind::Pipe:
        return QCoreApplication::translate("cl::ui::FlowKind", "pipe messages");
    case trace::FlowKind::Callback:
        return QCoreApplication::translate("cl::ui::FlowKind", "results to callbacks");
    case trace::FlowKind::Other:
    case trace::FlowKind::Count:
        break;
    }
    return QCoreApplication::translate("cl::ui::FlowKind", "other hand-overs");
}

QString flowLabel(const trace::TraceStore &store, const trace::Flow &flow)
{
    const std::string name = flow.objectId != 0 ? store.objectName(flow.objectId) : std::string();
    if (!name.empty())
        return QString::fromStdString(name);
    switch (flow.kind) {
    case trace::FlowKind::Lock:
        return QCoreApplication::translate("cl::ui::FlowKind", "lock");
    case trace::FlowKind::Queue:
        return QCoreApplication::translate("cl::ui::FlowKind", "queue");
    case trace::FlowKind::Pipe:
        return QCoreApplication::translate("cl::ui::FlowKind", "pipe");
    case trace::FlowKind::Callback:
        return QCoreApplication::translate("cl::ui::FlowKind", "callback");
    case trace::FlowKind::Other:
    case trace::FlowKind::Count:
        break;
    }
    return {};
}

} // namespace cl::ui

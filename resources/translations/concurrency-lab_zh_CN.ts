<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>cl::app::Cli</name>
    <message>
        <source>describe takes one scenario id</source>
        <translation>describe 只接受一个场景 id</translation>
    </message>
    <message>
        <source>Allowed: %1.</source>
        <translation>允许值：%1。</translation>
    </message>
    <message>
        <source>Run a scenario headless.</source>
        <translation>在无界面模式下运行一个场景。</translation>
    </message>
    <message>
        <source>Scenario id (see: list).</source>
        <translation>场景 id（见 list 命令）。</translation>
    </message>
    <message>
        <source>Set a parameter, e.g. --set lock=on.</source>
        <translation>设置一个参数，例如 --set lock=on。</translation>
    </message>
    <message>
        <source>Write the summary JSON to FILE.</source>
        <translation>将摘要 JSON 写入 FILE。</translation>
    </message>
    <message>
        <source>Write a Chrome trace-event JSON (for Perfetto) to FILE.</source>
        <translation>将 Chrome trace-event JSON（供 Perfetto 打开）写入 FILE。</translation>
    </message>
    <message>
        <source>Render the timeline to a PNG FILE.</source>
        <translation>将时间线渲染为 PNG 图片并写入 FILE。</translation>
    </message>
    <message>
        <source>How worker processes start: forkserver (default) or fork.</source>
        <translation>工作进程的启动方式：forkserver（默认）或 fork。</translation>
    </message>
    <message>
        <source>run takes exactly one scenario id; see &quot;%1 list&quot;</source>
        <translation>run 只接受一个场景 id；请参见“%1 list”</translation>
    </message>
    <message>
        <source>--start-method must be one of: forkserver, fork; got &quot;%1&quot;</source>
        <translation>--start-method 必须是 forkserver 或 fork；收到的是“%1”</translation>
    </message>
    <message>
        <source>run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <source>wall time: %1 ms, workers: %2, events: %3, dropped: %4</source>
        <translation>总耗时：%1 ms，工作单元：%2，事件：%3，丢失：%4</translation>
    </message>
    <message>
        <source>run error: %1</source>
        <translation>运行出错：%1</translation>
    </message>
    <message>
        <source>could not write the summary to %1: %2</source>
        <translation>无法将摘要写入 %1：%2</translation>
    </message>
    <message>
        <source>could not write the trace to %1: %2</source>
        <translation>无法将跟踪记录写入 %1：%2</translation>
    </message>
    <message>
        <source>could not write the image to %1: %2</source>
        <translation>无法将图片写入 %1：%2</translation>
    </message>
    <message>
        <source>list takes no arguments</source>
        <translation>list 不接受参数</translation>
    </message>
    <message>
        <source>unknown scenario &quot;%1&quot;; known: %2</source>
        <translation>未知场景“%1”；可用的场景：%2</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::CounterRace</name>
    <message>
        <source>Counter race (lost updates)</source>
        <translation>计数器竞争（丢失更新）</translation>
    </message>
    <message>
        <source>Locks and races</source>
        <translation>锁与竞争</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every worker adds 1 to one shared value, many times: it &lt;b&gt;reads&lt;/b&gt; the value, computes value + 1 (the read→write gap), then &lt;b&gt;writes&lt;/b&gt; it. Two workers that read the same value both write the same result, and one of the two additions is lost.&lt;/p&gt;&lt;p&gt;The workers wait at a start line so they really run at the same time. The verdict compares the expected total with the value the workers left behind.&lt;/p&gt;&lt;p&gt;With the lock on, read and write happen inside one critical section and the total is exact, at the price of the waiting you see as red spans.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每个工作单元都要多次给同一个共享值加 1：先&lt;b&gt;读取&lt;/b&gt;这个值，计算 value + 1（即“读→写间隔”），再把结果&lt;b&gt;写回&lt;/b&gt;。如果两个工作单元读到同一个值，它们会写回同一个结果，两次加法就丢了一次。&lt;/p&gt;&lt;p&gt;所有工作单元先在起跑线等待，确保真正同时运行。结论会把预期总数和工作单元最后留下的值做比较。&lt;/p&gt;&lt;p&gt;开启锁后，读取和写入都在同一个临界区内完成，总数完全准确，代价是等待——也就是图中的红色区段。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the shared value</source>
        <translation>无法创建共享值</translation>
    </message>
    <message>
        <source>expected</source>
        <translation>预期值</translation>
    </message>
    <message>
        <source>final value</source>
        <translation>最终值</translation>
    </message>
    <message>
        <source>lost updates</source>
        <translation>丢失的更新</translation>
    </message>
    <message>
        <source>Lost updates: %1. Expected %2, but the shared value ended at %3.</source>
        <translation>丢失了 %1 次更新：预期为 %2，但共享值最终是 %3。</translation>
    </message>
    <message>
        <source>Exact: the shared value ended at %1, as expected.</source>
        <translation>结果准确：共享值最终是 %1，与预期一致。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::Parameters</name>
    <message>
        <source>Workers</source>
        <translation>工作单元</translation>
    </message>
    <message>
        <source>Workers adding to the shared value.</source>
        <translation>给共享值做加法的工作单元个数。</translation>
    </message>
    <message>
        <source>Increments</source>
        <translation>累加次数</translation>
    </message>
    <message>
        <source>Additions of 1 made by each worker.</source>
        <translation>每个工作单元做“加 1”的次数。</translation>
    </message>
    <message>
        <source>Read→write gap</source>
        <translation>读→写间隔</translation>
    </message>
    <message>
        <source>ns</source>
        <translation>ns</translation>
    </message>
    <message>
        <source>Time spent computing value + 1 between the read and the write, as an interpreter does. With 0 the window is one machine instruction and updates are rarely lost.</source>
        <translation>在读取和写入之间计算 value + 1 所花的时间，模拟解释器的做法。设为 0 时，这个窗口只有一条机器指令，很少会丢失更新。</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>加锁</translation>
    </message>
    <message>
        <source>Hold a shared lock around each read and write.</source>
        <translation>每次“读取 + 写入”都用同一把互斥锁保护起来。</translation>
    </message>
    <message>
        <source>Workers run as</source>
        <translation>运行方式</translation>
    </message>
    <message>
        <source>Run the workers as processes or as threads.</source>
        <translation>工作单元以进程还是线程运行。</translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation>下列值之一（%1）</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>从 %1 到 %2 的整数</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2 (%3)</source>
        <translation>从 %1 到 %2 的整数（单位：%3）</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>shared memory</source>
        <translation>共享内存</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; must be %2; got &quot;%3&quot;</source>
        <translation>参数“%1”必须是%2；收到的是“%3”</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; is out of range: %2 given, allowed is %3</source>
        <translation>参数“%1”超出范围：给定值为 %2，允许值为%3</translation>
    </message>
    <message>
        <source>expected key=value, got &quot;%1&quot;</source>
        <translation>应为 key=value 形式，收到的是“%1”</translation>
    </message>
    <message>
        <source>unknown parameter &quot;%1&quot; for %2; allowed: %3</source>
        <translation>%2 没有参数“%1”；可用参数：%3</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>票数</translation>
    </message>
    <message>
        <source>Tickets on sale at the start.</source>
        <translation>开始时在售的票数。</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>抢票人数</translation>
    </message>
    <message>
        <source>Buyers, each one worker that tries to buy one ticket.</source>
        <translation>抢票的人数：每人是一个工作单元，尝试买一张票。</translation>
    </message>
    <message>
        <source>Think time</source>
        <translation>思考时间</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Time between reading the count and writing it back (the notes use 2000 ms).</source>
        <translation>从读取余票到写回之间的时间（笔记中为 2000 毫秒）。</translation>
    </message>
    <message>
        <source>Stagger</source>
        <translation>启动间隔</translation>
    </message>
    <message>
        <source>Gap between starting one buyer and the next (the notes use 1000 ms).</source>
        <translation>相邻两个抢票者启动的间隔（笔记中为 1000 毫秒）。</translation>
    </message>
    <message>
        <source>Ticket store</source>
        <translation>余票存放</translation>
    </message>
    <message>
        <source>Where the count lives: a text file (as in the notes) or shared memory.</source>
        <translation>余票数存放在哪里：文本文件（与笔记相同）或共享内存。</translation>
    </message>
    <message>
        <source>Hold a shared lock from reading to writing.</source>
        <translation>从读取到写回全程持有同一把互斥锁。</translation>
    </message>
    <message>
        <source>Run the buyers as processes or as threads.</source>
        <translation>抢票者以进程还是线程运行。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::Presets</name>
    <message>
        <source>As in the notes</source>
        <translation>与笔记相同</translation>
    </message>
    <message>
        <source>Quick</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>Quick, with the lock</source>
        <translation>快速，加锁</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::RunContext</name>
    <message>
        <source>no process launcher is available</source>
        <translation>没有可用的进程启动器</translation>
    </message>
    <message>
        <source>no free event ring for a new worker</source>
        <translation>没有空闲的事件环形缓冲区可分配给新的工作单元</translation>
    </message>
    <message>
        <source>could not start a worker process: %1</source>
        <translation>无法启动工作进程：%1</translation>
    </message>
    <message>
        <source>unknown task %1</source>
        <translation>未知任务 %1</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::RunSession</name>
    <message>
        <source>a run is already in progress</source>
        <translation>已有一次运行正在进行</translation>
    </message>
    <message>
        <source>could not create shared memory for the run: %1</source>
        <translation>无法为本次运行创建共享内存：%1</translation>
    </message>
    <message>
        <source>Stopped by the user.</source>
        <translation>已被用户停止。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::TicketRace</name>
    <message>
        <source>Ticket-sale race</source>
        <translation>抢票竞争（超卖）</translation>
    </message>
    <message>
        <source>Locks and races</source>
        <translation>锁与竞争</translation>
    </message>
    <message>
        <source>&lt;p&gt;Several buyers share one ticket count. Each buyer &lt;b&gt;reads&lt;/b&gt; the count, &lt;b&gt;thinks&lt;/b&gt; for a while, and, if it saw a ticket, &lt;b&gt;writes back&lt;/b&gt; one less.&lt;/p&gt;&lt;p&gt;Without a lock, a buyer that starts while another is still thinking reads the same count: both sell &quot;the last ticket&quot; and the count goes down by one only. The verdict counts these oversold tickets from what the buyers really wrote.&lt;/p&gt;&lt;p&gt;With the lock on, read–think–write becomes a critical section: buyers wait their turn (red spans), one holds the lock at a time (blue spans), and the sales are exact.&lt;/p&gt;</source>
        <translation>&lt;p&gt;多个抢票者共用同一个余票数。每个抢票者先&lt;b&gt;读取&lt;/b&gt;余票数，&lt;b&gt;思考&lt;/b&gt;一会儿，如果看到还有票，就把减 1 后的数&lt;b&gt;写回&lt;/b&gt;。&lt;/p&gt;&lt;p&gt;不加锁时，如果一个抢票者在另一个还在思考时开始，就会读到同样的余票数：两人都卖出了“最后一张票”，余票却只减少了 1。结论根据抢票者实际写入的值，统计出这些超卖的票。&lt;/p&gt;&lt;p&gt;开启锁后，“读取–思考–写回”成为临界区：抢票者排队等待（红色区段），同一时刻只有一人持有锁（蓝色区段），售出的票数完全准确。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the ticket store in %1</source>
        <translation>无法在 %1 中创建余票存放</translation>
    </message>
    <message>
        <source>tickets at start</source>
        <translation>初始票数</translation>
    </message>
    <message>
        <source>buyers</source>
        <translation>抢票人数</translation>
    </message>
    <message>
        <source>sold</source>
        <translation>售出</translation>
    </message>
    <message>
        <source>tickets left</source>
        <translation>余票</translation>
    </message>
    <message>
        <source>oversold</source>
        <translation>超卖</translation>
    </message>
    <message>
        <source>Oversold: %1 tickets. %2 buyers bought, but the count only went from %3 to %4.</source>
        <translation>超卖了 %1 张票：%2 人买到了票，余票却只从 %3 减到 %4。</translation>
    </message>
    <message>
        <source>No ticket oversold: %1 sold, %2 left.</source>
        <translation>没有超卖：售出 %1 张，余票剩下 %2 张。</translation>
    </message>
</context>
<context>
    <name>cl::trace::Messages</name>
    <message>
        <source>tickets left: %1 — buying…</source>
        <translation>余票剩下：%1，抢购中…</translation>
    </message>
    <message>
        <source>bought a ticket, wrote %1 back</source>
        <translation>买到一张票，写回 %1</translation>
    </message>
    <message>
        <source>no ticket left (read %1), nothing bought</source>
        <translation>没有余票（读到 %1），未购买</translation>
    </message>
    <message>
        <source>done: %1 increments, last wrote %2</source>
        <translation>完成：加了 %1 次，最后写入 %2</translation>
    </message>
    <message>
        <source>stopped before finishing</source>
        <translation>未完成即被停止</translation>
    </message>
</context>
<context>
    <name>cl::ui::ChartsPanel</name>
    <message>
        <source>tickets left</source>
        <translation>余票</translation>
    </message>
    <message>
        <source>shared value</source>
        <translation>共享值</translation>
    </message>
    <message>
        <source>queue depth</source>
        <translation>队列长度</translation>
    </message>
    <message>
        <source>counter %1</source>
        <translation>计数器 %1</translation>
    </message>
    <message>
        <source>core %1</source>
        <translation>核心 %1</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>%1: %2%3 at %4 ms</source>
        <translation>%1：%4 ms 时为 %2%3</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>计数器</translation>
    </message>
    <message>
        <source>CPU per core (%)</source>
        <translation>各核心 CPU（%）</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>计数器</translation>
    </message>
    <message numerus="yes">
        <source>%n series</source>
        <translation>
            <numerusform>%n 条曲线</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cl::ui::ConsoleModel</name>
    <message>
        <source>PID %1</source>
        <translation>PID %1</translation>
    </message>
    <message>
        <source>TID %1</source>
        <translation>TID %1</translation>
    </message>
    <message>
        <source>Click to show this moment on the timeline.</source>
        <translation>点击可在时间线上定位到这一时刻。</translation>
    </message>
    <message>
        <source>Time (ms)</source>
        <translation>时间 (ms)</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作单元</translation>
    </message>
    <message>
        <source>Printed line</source>
        <translation>打印内容</translation>
    </message>
</context>
<context>
    <name>cl::ui::MainWindow</name>
    <message>
        <source>Could not start the run</source>
        <translation>无法开始运行</translation>
    </message>
    <message>
        <source>The scenario &quot;%1&quot; could not start: %2</source>
        <translation>场景“%1”无法启动：%2</translation>
    </message>
    <message>
        <source>Stopping: ending every worker…</source>
        <translation>正在停止：结束所有工作单元…</translation>
    </message>
    <message>
        <source>The run reported a problem: %1</source>
        <translation>运行中出现问题：%1</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Running… %1 s</source>
        <translation>运行中… %1 秒</translation>
    </message>
    <message>
        <source>Stopped after %1 s</source>
        <translation>运行 %1 秒后已停止</translation>
    </message>
    <message>
        <source>Finished in %1 s</source>
        <translation>已完成，用时 %1 秒</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 个事件</translation>
    </message>
    <message>
        <source>%1 dropped</source>
        <translation>丢失 %1 个</translation>
    </message>
    <message>
        <source>Events lost because a worker&apos;s ring buffer was full</source>
        <translation>因工作单元的环形缓冲区已满而丢失的事件</translation>
    </message>
    <message>
        <source>Stopping the run before closing…</source>
        <translation>关闭前正在停止运行…</translation>
    </message>
    <message>
        <source>Export timeline as PNG</source>
        <translation>将时间线导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved the timeline to %1</source>
        <translation>已将时间线保存到 %1</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>导出跟踪记录</translation>
    </message>
    <message>
        <source>Chrome trace / Perfetto (*.json)</source>
        <translation>Chrome trace / Perfetto (*.json)</translation>
    </message>
    <message>
        <source>Saved the trace to %1 (open it at ui.perfetto.dev)</source>
        <translation>已将跟踪记录保存到 %1（可在 ui.perfetto.dev 打开）</translation>
    </message>
    <message>
        <source>Save summary</source>
        <translation>保存摘要</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Saved the summary to %1</source>
        <translation>已将摘要保存到 %1</translation>
    </message>
    <message>
        <source>About Concurrency Lab</source>
        <translation>关于 Concurrency Lab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Concurrency Lab %1&lt;/h3&gt;&lt;p&gt;Runs the classic concurrency lessons on real processes and threads and draws what happened: every PID and TID, every lock wait, the CPU of every core.&lt;/p&gt;&lt;p&gt;Workers are real: the PIDs and TIDs you see are the kernel&apos;s.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Concurrency Lab %1&lt;/h3&gt;&lt;p&gt;用真实的进程和线程运行经典的并发课程示例，并把发生的一切画出来：每个 PID 和 TID、每一次等待锁、每个核心的 CPU 占用。&lt;/p&gt;&lt;p&gt;工作单元都是真实的：你看到的 PID 和 TID 就是内核分配的。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Run the scenario with these parameters (Ctrl+R)</source>
        <translation>按当前参数运行场景（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the run now: every worker is ended (Esc)</source>
        <translation>立即停止运行：结束所有工作单元（Esc）</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>全览(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole run on the timeline (F)</source>
        <translation>在时间线上显示整个运行过程（F）</translation>
    </message>
    <message>
        <source>Follow &amp;live</source>
        <translation>实时跟随(&amp;L)</translation>
    </message>
    <message>
        <source>Keep the newest events in view while the run goes on (L)</source>
        <translation>运行期间始终显示最新的事件（L）</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Show &amp;legend</source>
        <translation>显示图例(&amp;L)</translation>
    </message>
    <message>
        <source>Export &amp;PNG…</source>
        <translation>导出 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the whole timeline as a picture, with title, legend and axis (Ctrl+Shift+P)</source>
        <translation>将整条时间线保存为图片，含标题、图例和时间轴（Ctrl+Shift+P）</translation>
    </message>
    <message>
        <source>Export &amp;trace…</source>
        <translation>导出跟踪记录(&amp;T)…</translation>
    </message>
    <message>
        <source>Save the trace as Chrome trace-event JSON, which Perfetto opens (Ctrl+Shift+T)</source>
        <translation>将跟踪记录保存为 Chrome trace-event JSON，可用 Perfetto 打开（Ctrl+Shift+T）</translation>
    </message>
    <message>
        <source>Save &amp;summary…</source>
        <translation>保存摘要(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the verdict, metrics and worker ids as JSON (Ctrl+S)</source>
        <translation>将结论、指标和各工作单元的 ID 保存为 JSON（Ctrl+S）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About Concurrency Lab</source>
        <translation>关于 Concurrency Lab(&amp;A)</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Python equivalent</source>
        <translation>Python 对照</translation>
    </message>
    <message>
        <source>The same lesson written with Python&apos;s multiprocessing/threading, for readers of the course notes</source>
        <translation>用 Python 的 multiprocessing/threading 写的同一个示例，方便对照课程笔记</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Every line the workers printed; click one to find it on the timeline</source>
        <translation>工作单元打印的每一行；点击某一行可在时间线上找到它</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>cl::ui::ParameterForm</name>
    <message>
        <source>Allowed: %1.</source>
        <translation>允许值：%1。</translation>
    </message>
    <message>
        <source>Pre&amp;set:</source>
        <translation>预设(&amp;S)：</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Put every parameter back to the scenario&apos;s default value.</source>
        <translation>把所有参数恢复为该场景的默认值。</translation>
    </message>
    <message>
        <source>This scenario has no parameters.</source>
        <translation>这个场景没有参数。</translation>
    </message>
    <message>
        <source>Choose a scenario.</source>
        <translation>请选择一个场景。</translation>
    </message>
    <message>
        <source>Choose a preset…</source>
        <translation>选择预设…</translation>
    </message>
    <message>
        <source>Load a ready-made set of values, e.g. the ones the course notes use.</source>
        <translation>载入一组现成的参数值，例如课程笔记中用的那组。</translation>
    </message>
    <message>
        <source>unknown parameter &quot;%1&quot;</source>
        <translation>未知参数“%1”</translation>
    </message>
    <message>
        <source>The preset &quot;%1&quot; has values that were not applied: %2</source>
        <translation>预设“%1”中有些值未能应用：%2</translation>
    </message>
</context>
<context>
    <name>cl::ui::ScenarioBrowser</name>
    <message>
        <source>Search scenarios…</source>
        <translation>搜索场景…</translation>
    </message>
    <message>
        <source>Filter the scenarios by title or id; Enter opens the first match.</source>
        <translation>按标题或 id 筛选场景；按回车键打开第一个匹配项。</translation>
    </message>
</context>
<context>
    <name>cl::ui::ScenarioModel</name>
    <message numerus="yes">
        <source>%n scenario(s)</source>
        <translation>
            <numerusform>%n 个场景</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (id: %2)</source>
        <translation>%1（id：%2）</translation>
    </message>
</context>
<context>
    <name>cl::ui::StatePalette</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Alive and computing, or ready to run.</source>
        <translation>正在计算，或已就绪、等待 CPU 调度。</translation>
    </message>
    <message>
        <source>waiting for lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <source>Blocked in acquire() while another worker holds the lock.</source>
        <translation>阻塞在 acquire()：锁正被另一个工作单元持有。</translation>
    </message>
    <message>
        <source>holding lock</source>
        <translation>持有锁</translation>
    </message>
    <message>
        <source>Inside the critical section: the lock is held.</source>
        <translation>处于临界区内：已持有锁。</translation>
    </message>
    <message>
        <source>queue full</source>
        <translation>队列已满</translation>
    </message>
    <message>
        <source>Blocked in put(): the bounded queue is full.</source>
        <translation>阻塞在 put()：有界队列已满。</translation>
    </message>
    <message>
        <source>queue empty</source>
        <translation>队列为空</translation>
    </message>
    <message>
        <source>Blocked in get(): the queue is empty.</source>
        <translation>阻塞在 get()：队列为空。</translation>
    </message>
    <message>
        <source>sleep / I/O</source>
        <translation>睡眠 / I/O</translation>
    </message>
    <message>
        <source>Sleeping or waiting for I/O; the CPU is free for others.</source>
        <translation>正在睡眠或等待 I/O；CPU 可以让给其他任务。</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>Being created: fork, spawn or fork-server latency.</source>
        <translation>正在创建：fork、spawn 或 forkserver 的启动延迟。</translation>
    </message>
    <message>
        <source>waiting for GIL</source>
        <translation>等待 GIL</translation>
    </message>
    <message>
        <source>A modelled Python thread waiting for the global interpreter lock.</source>
        <translation>模拟的 Python 线程正在等待 GIL（全局解释器锁）。</translation>
    </message>
    <message>
        <source>zombie</source>
        <translation>僵尸进程</translation>
    </message>
    <message>
        <source>Exited, but the parent has not reaped it yet (state Z).</source>
        <translation>已退出，但父进程还没有回收它（状态 Z）。</translation>
    </message>
</context>
<context>
    <name>cl::ui::SummaryPanel</name>
    <message>
        <source>%1 — the trace is missing events (a ring was full)</source>
        <translation>%1——跟踪记录缺少事件（有环形缓冲区已满）</translation>
    </message>
    <message>
        <source>No run yet.</source>
        <translation>尚未运行。</translation>
    </message>
    <message>
        <source>Choose a scenario, set its parameters and press Run (Ctrl+R).</source>
        <translation>选择一个场景，设置参数，然后点击“运行”（Ctrl+R）。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <source>The verdict appears when every worker has ended.</source>
        <translation>所有工作单元结束后显示结论。</translation>
    </message>
    <message>
        <source>The run failed.</source>
        <translation>运行失败。</translation>
    </message>
    <message>
        <source>Stopped before the end.</source>
        <translation>未运行完即被停止。</translation>
    </message>
    <message>
        <source>The workers were ended early, so the numbers below describe a partial run.</source>
        <translation>工作单元被提前结束，下面的数字只反映了部分运行。</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>fork (a copy of the app)</source>
        <translation>fork（复制本程序）</translation>
    </message>
    <message>
        <source>fork server</source>
        <translation>forkserver</translation>
    </message>
    <message>
        <source>worker %1</source>
        <translation>工作单元 %1</translation>
    </message>
    <message>
        <source>thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>仍在运行</translation>
    </message>
    <message>
        <source>Verdict in numbers</source>
        <translation>结论数据</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>本次运行</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作单元</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作单元</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>TID</source>
        <translation>TID</translation>
    </message>
    <message>
        <source>Ended with</source>
        <translation>结束状态</translation>
    </message>
    <message>
        <source>Wall time:</source>
        <translation>总耗时：</translation>
    </message>
    <message>
        <source>Start method:</source>
        <translation>启动方式：</translation>
    </message>
    <message>
        <source>Events recorded:</source>
        <translation>已记录事件：</translation>
    </message>
    <message>
        <source>Dropped events:</source>
        <translation>丢失事件：</translation>
    </message>
    <message>
        <source>Events that did not fit in a worker&apos;s ring buffer. When this is not 0, the timeline is missing something.</source>
        <translation>工作单元的环形缓冲区放不下的事件。不为 0 时，时间线缺少部分内容。</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>参数：</translation>
    </message>
</context>
<context>
    <name>cl::ui::TimeAxis</name>
    <message>
        <source>%1 ns</source>
        <translation>%1 ns</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>cl::ui::TimelineLayout</name>
    <message>
        <source>lock: %1</source>
        <translation>锁：%1</translation>
    </message>
    <message>
        <source>queue: %1</source>
        <translation>队列：%1</translation>
    </message>
    <message>
        <source>object: %1</source>
        <translation>对象：%1</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <source>%1 spans folded; zoom in to see each</source>
        <translation>已折叠 %1 个区段；放大可逐个查看</translation>
    </message>
    <message>
        <source>mostly: %1</source>
        <translation>主要是：%1</translation>
    </message>
    <message>
        <source>%1 so far</source>
        <translation>目前已 %1</translation>
    </message>
    <message>
        <source>printed at</source>
        <translation>打印于</translation>
    </message>
    <message>
        <source>process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>PID %1</source>
        <translation>PID %1</translation>
    </message>
    <message>
        <source>main thread</source>
        <translation>主线程</translation>
    </message>
    <message>
        <source>thread</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>TID %1</source>
        <translation>TID %1</translation>
    </message>
    <message>
        <source>PID %1 · TID %2 · parent PID %3</source>
        <translation>PID %1 · TID %2 · 父进程 PID %3</translation>
    </message>
    <message>
        <source>started at %1, lived %2</source>
        <translation>启动于 %1，存活 %2</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1（于 %2）</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>仍在运行</translation>
    </message>
</context>
<context>
    <name>cl::ui::TimelinePainter</name>
    <message>
        <source>exit %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <source>killed (signal %1, SIG%2)</source>
        <translation>被终止（信号 %1，SIG%2）</translation>
    </message>
    <message>
        <source>killed (signal %1)</source>
        <translation>被终止（信号 %1）</translation>
    </message>
    <message>
        <source>printed line</source>
        <translation>打印内容</translation>
    </message>
    <message>
        <source>hand-over</source>
        <translation>锁交接</translation>
    </message>
</context>
<context>
    <name>cl::ui::TimelineView</name>
    <message>
        <source>dropped events: %1</source>
        <translation>丢失事件：%1</translation>
    </message>
    <message>
        <source>view: %1</source>
        <translation>视图范围：%1</translation>
    </message>
    <message>
        <source>No trace yet. Choose a scenario and press Run.</source>
        <translation>还没有跟踪记录。请选择一个场景并点击“运行”。</translation>
    </message>
</context>
<context>
    <name>cl::ui::TraceImage</name>
    <message>
        <source>Concurrency Lab trace</source>
        <translation>Concurrency Lab 跟踪记录</translation>
    </message>
    <message>
        <source>processes: %1 · threads: %2</source>
        <translation>进程：%1 · 线程：%2</translation>
    </message>
    <message>
        <source>wall time: %1</source>
        <translation>总耗时：%1</translation>
    </message>
    <message>
        <source>events: %1</source>
        <translation>事件：%1</translation>
    </message>
    <message>
        <source>Dropped events: %1 (a ring buffer was full); the picture is incomplete.</source>
        <translation>丢失事件：%1（有环形缓冲区已满）；图片不完整。</translation>
    </message>
    <message>
        <source>Times are relative to the first event. Made with Concurrency Lab.</source>
        <translation>时间以第一个事件为起点。由 Concurrency Lab 生成。</translation>
    </message>
    <message>
        <source>The trace is empty.</source>
        <translation>跟踪记录为空。</translation>
    </message>
    <message>
        <source>Cannot render the trace: no GUI application (fonts) is available.</source>
        <translation>无法渲染跟踪记录：没有可用的图形界面应用（字体）。</translation>
    </message>
</context>
</TS>

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
        <source>run takes exactly one scenario id; see &quot;%1 list&quot;</source>
        <translation>run 只接受一个场景 id；请参见“%1 list”</translation>
    </message>
    <message>
        <source>run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
    <message>
        <source>wall time: %1 ms, workers: %2, events: %3, dropped: %4, not kept (store full): %5</source>
        <translation>总耗时：%1 ms，工作单元：%2，事件：%3，丢失：%4，未保留（存储已满）：%5</translation>
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
    <message>
        <source>List the scenarios: one id, a tab and the title per line.</source>
        <translation>列出所有场景：每行一个 id、一个制表符和标题。</translation>
    </message>
    <message>
        <source>Show a scenario&apos;s parameters: each key with its default, what it means and the allowed values.</source>
        <translation>显示场景的参数：每个参数键及其默认值、含义和允许值。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示本帮助。</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; for %2; see &quot;%3 %2 --help&quot; for its options</source>
        <translation>%2 没有选项“%1”；请参见“%3 %2 --help”了解可用选项</translation>
    </message>
    <message>
        <source>%1: %2; see &quot;%3 %1 --help&quot;</source>
        <translation>%1：%2；请参见“%3 %1 --help”</translation>
    </message>
    <message>
        <source>Usage: %1 %2 [options]</source>
        <translation>用法：%1 %2 [选项]</translation>
    </message>
    <message>
        <source>%1 received: stopping the run and writing what it recorded (a second one ends the program at once)</source>
        <translation>收到 %1：正在停止运行并写出已记录的内容（再收到一次将立即结束程序）</translation>
    </message>
    <message>
        <source>Every value is checked before the run starts: a bad parameter, or an output
path that cannot be written, ends the command with status 2 and runs nothing.

Exit status:
  0    the run ended and every output was written
  1    the run failed, or an output could not be written
  2    bad input; nothing was run
  130  interrupted by SIGINT (Ctrl+C)
  143  interrupted by SIGTERM
An interrupted run is stopped, every worker is reaped and its temporary files
are removed; the summary, trace and image are still written with what was
recorded, and the summary says &quot;stopped&quot;: true and &quot;interrupted_by&quot;:
&quot;SIGINT&quot; or &quot;SIGTERM&quot;.</source>
        <translation>所有值都在运行开始前检查：参数有误，或输出路径无法写入，
命令都会以状态 2 结束，不运行任何内容。

退出状态：
  0    运行结束，所有输出均已写入
  1    运行失败，或有输出无法写入
  2    输入有误；未运行任何内容
  130  被 SIGINT（Ctrl+C）中断
  143  被 SIGTERM 中断
被中断的运行会停止，所有工作单元都会被回收，其临时文件会被删除；摘要、
跟踪记录和图片仍会按已记录的内容写出，摘要中会写明 &quot;stopped&quot;: true 以及
&quot;interrupted_by&quot;: &quot;SIGINT&quot; 或 &quot;SIGTERM&quot;。</translation>
    </message>
    <message>
        <source>Interrupted by %1: the run was stopped before it ended; the metrics cover only what happened until then.</source>
        <translation>被 %1 中断：运行在结束前被停止；指标只涵盖此前发生的情况。</translation>
    </message>
    <message>
        <source>--range &quot;%1&quot;: expected START_MS:END_MS, two numbers of milliseconds from the start of the trace, e.g. --range 10:25.5</source>
        <translation>--range “%1”：应为 START_MS:END_MS，即从跟踪记录开头算起的两个毫秒数，例如 --range 10:25.5</translation>
    </message>
    <message>
        <source>--range &quot;%1&quot;: the start must be 0 or more and the end after the start</source>
        <translation>--range “%1”：起点必须大于或等于 0，终点必须在起点之后</translation>
    </message>
    <message>
        <source>How worker processes start: forkserver (default), fork or spawn.</source>
        <translation>工作进程的启动方式：forkserver（默认）、fork 或 spawn。</translation>
    </message>
    <message>
        <source>Write the summary as CSV (a header and one row) to FILE.</source>
        <translation>将摘要以 CSV 格式（一行表头加一行数据）写入 FILE。</translation>
    </message>
    <message>
        <source>--start-method must be one of: forkserver, fork, spawn; got &quot;%1&quot;</source>
        <translation>--start-method 必须是 forkserver、fork、spawn 之一；收到的是“%1”</translation>
    </message>
    <message>
        <source>Render a saved trace (Chrome trace-event JSON, from this app or another tool) to pictures, without a display.</source>
        <translation>将已保存的跟踪记录（Chrome trace-event JSON，来自本程序或其他工具）渲染为图片，无需显示环境。</translation>
    </message>
    <message>
        <source>The trace file (.json) to render.</source>
        <translation>要渲染的跟踪记录文件（.json）。</translation>
    </message>
    <message>
        <source>Write the timeline as a PNG image to FILE.</source>
        <translation>将时间线以 PNG 图片写入 FILE。</translation>
    </message>
    <message>
        <source>Write it as SVG (text stays text) to FILE.</source>
        <translation>将其以 SVG 格式（文字仍保留为文字）写入 FILE。</translation>
    </message>
    <message>
        <source>Write it as a one-page PDF to FILE.</source>
        <translation>将其以单页 PDF 写入 FILE。</translation>
    </message>
    <message>
        <source>Show only this part, in ms from the start of the trace.</source>
        <translation>只显示这一部分，单位为 ms，从跟踪记录开头算起。</translation>
    </message>
    <message>
        <source>Exit status: 0 every picture was written; 1 a picture could not be written;
2 bad input (options, an output path, or a file that is not a loadable trace).</source>
        <translation>退出状态：0 所有图片均已写入；1 有图片无法写入；
2 输入有误（选项、输出路径有误，或文件不是可加载的跟踪记录）。</translation>
    </message>
    <message>
        <source>render takes exactly one trace file; see &quot;%1 render --help&quot;</source>
        <translation>render 只接受一个跟踪记录文件；请参见“%1 render --help”</translation>
    </message>
    <message>
        <source>render needs at least one output: --png FILE, --svg FILE or --pdf FILE</source>
        <translation>render 至少需要一个输出：--png FILE、--svg FILE 或 --pdf FILE</translation>
    </message>
    <message>
        <source>%1: %2 events, %3 tracks</source>
        <translation>%1：%2 个事件，%3 条轨道</translation>
    </message>
    <message>
        <source>kept the first %1 items; %2 more were not kept (the limit is CL_TRACE_ITEM_LIMIT)</source>
        <translation>保留了前 %1 项；另有 %2 项未保留（上限由 CL_TRACE_ITEM_LIMIT 设定）</translation>
    </message>
    <message>
        <source>Usage: %1 [options] [FILE]
       %1 list
       %1 describe ID
       %1 run ID [--set KEY=VALUE]... [--summary FILE] [--trace FILE] [--png FILE]
              [--csv FILE] [--start-method forkserver|fork|spawn]
       %1 render TRACE --png FILE [--svg FILE] [--pdf FILE] [--range START_MS:END_MS]
       %1 compare ID --vary KEY=V1,V2,... [--set KEY=VALUE]... [--summary FILE]
              [--csv FILE] [--png FILE] [--start-method forkserver|fork|spawn]

Concurrency Lab runs classic concurrency lessons on real processes and threads
and shows what happened.

Without a command the window opens; it needs a display (or xvfb-run).
FILE opens a saved trace (Chrome trace-event JSON) in the window.

Headless commands (no display needed):
  list         List the scenarios: id and title.
  describe ID  Show a scenario&apos;s parameters, defaults and allowed values.
  run ID       Run a scenario, print its verdict and metrics, and write the
               --summary JSON (or --csv), the --trace JSON (Perfetto) or the --png
               timeline.
  render TRACE Render a saved trace (this app&apos;s or another tool&apos;s) to PNG, SVG, PDF.
  compare ID   Run a scenario once per value of one parameter and compare wall
               time, CPU time, speedup and efficiency (--summary, --csv, --png).
Each command takes --help for its details.

Options:
  -h, --help     Show this help.
  -v, --version  Show the version.
  Qt&apos;s window options (-platform, -style, -reverse, ...) are passed on to Qt.

Exit status: 0 success; 1 a run failed or the window could not open;
2 bad input; 130 or 143 a run interrupted by SIGINT or SIGTERM.
</source>
        <translation>用法：%1 [选项] [FILE]
       %1 list
       %1 describe ID
       %1 run ID [--set KEY=VALUE]... [--summary FILE] [--trace FILE] [--png FILE]
              [--csv FILE] [--start-method forkserver|fork|spawn]
       %1 render TRACE --png FILE [--svg FILE] [--pdf FILE] [--range START_MS:END_MS]
       %1 compare ID --vary KEY=V1,V2,... [--set KEY=VALUE]... [--summary FILE]
              [--csv FILE] [--png FILE] [--start-method forkserver|fork|spawn]

Concurrency Lab 用真实的进程和线程运行经典的并发课程示例，
并展示发生了什么。

不带命令时会打开窗口；这需要显示环境（或使用 xvfb-run）。
FILE 会在窗口中打开一个已保存的跟踪记录（Chrome trace-event JSON）。

无界面命令（不需要显示环境）：
  list         列出场景：id 和标题。
  describe ID  显示场景的参数、默认值和允许值。
  run ID       运行一个场景，打印其结论和指标，并写出
               --summary JSON（或 --csv）、--trace JSON（Perfetto）或 --png
               时间线。
  render TRACE 将已保存的跟踪记录（本程序或其他工具生成的）渲染为 PNG、SVG、PDF。
  compare ID   按某个参数的每个取值各运行一次场景，比较总耗时、
               CPU 时间、加速比和并行效率（--summary、--csv、--png）。
每个命令都可加 --help 查看详细说明。

选项：
  -h, --help     显示本帮助。
  -v, --version  显示版本。
  Qt 的窗口选项（-platform、-style、-reverse 等）会传给 Qt。

退出状态：0 成功；1 运行失败或窗口无法打开；
2 输入有误；130 或 143 运行被 SIGINT 或 SIGTERM 中断。
</translation>
    </message>
</context>
<context>
    <name>cl::app::CliCompare</name>
    <message>
        <source>Run a scenario once per value of one parameter, one run after another, and compare wall time, CPU time, cores busy, speedup and parallel efficiency.</source>
        <translation>按某个参数的每个取值各运行一次场景（依次运行），比较总耗时、CPU 时间、忙碌核心、加速比和并行效率。</translation>
    </message>
    <message>
        <source>Scenario id (see: list).</source>
        <translation>场景 id（见 list 命令）。</translation>
    </message>
    <message>
        <source>The parameter to vary and its values, e.g. --vary mode=serial,threads,processes.</source>
        <translation>要改变的参数及其取值，例如 --vary mode=serial,threads,processes。</translation>
    </message>
    <message>
        <source>Set a parameter for every run, e.g. --set jobs=4.</source>
        <translation>为每次运行设置一个参数，例如 --set jobs=4。</translation>
    </message>
    <message>
        <source>Write the comparison JSON to FILE.</source>
        <translation>将比较结果 JSON 写入 FILE。</translation>
    </message>
    <message>
        <source>Render the runs, the table and the speedup bars to a PNG FILE.</source>
        <translation>将各次运行、表格和加速比柱状图渲染为 PNG 图片并写入 FILE。</translation>
    </message>
    <message>
        <source>Write the table as CSV to FILE.</source>
        <translation>将表格以 CSV 格式写入 FILE。</translation>
    </message>
    <message>
        <source>How worker processes start: forkserver (default), fork or spawn.</source>
        <translation>工作进程的启动方式：forkserver（默认）、fork 或 spawn。</translation>
    </message>
    <message>
        <source>Figures (from each run&apos;s own trace):
%1

Every value is checked before the first run starts: bad input ends the
command with status 2 and runs nothing.

Exit status: 0 every run ended and every output was written; 1 a run failed
or an output could not be written; 2 bad input; 130 or 143 interrupted by
SIGINT or SIGTERM (the run in progress is stopped and reaped, later values
are not run, and the outputs hold the runs made, with &quot;stopped&quot;: true).</source>
        <translation>指标（取自每次运行自己的跟踪记录）：
%1

所有值都在第一次运行开始前检查：输入有误时，
命令以状态 2 结束，不运行任何内容。

退出状态：0 所有运行均已结束，所有输出均已写入；1 有运行失败
或有输出无法写入；2 输入有误；130 或 143 被
SIGINT 或 SIGTERM 中断（正在进行的运行会被停止并回收，之后的取值
不再运行，输出中包含已完成的运行，并带有 &quot;stopped&quot;: true）。</translation>
    </message>
    <message>
        <source>compare takes exactly one scenario id; see &quot;%1 list&quot;</source>
        <translation>compare 只接受一个场景 id；请参见“%1 list”</translation>
    </message>
    <message>
        <source>compare needs exactly one --vary KEY=V1,V2,...; got %1</source>
        <translation>compare 需要且只能有一个 --vary KEY=V1,V2,...；收到的是 %1</translation>
    </message>
    <message>
        <source>--start-method must be one of: forkserver, fork, spawn; got &quot;%1&quot;</source>
        <translation>--start-method 必须是 forkserver、fork、spawn 之一；收到的是“%1”</translation>
    </message>
    <message>
        <source>%1 received: stopping the run in progress, skipping the rest and writing what was recorded (a second one ends the program at once)</source>
        <translation>收到 %1：正在停止进行中的运行，跳过其余取值并写出已记录的内容（再收到一次将立即结束程序）</translation>
    </message>
    <message>
        <source>run %1 of %2: %3=%4</source>
        <translation>第 %1/%2 次运行：%3=%4</translation>
    </message>
    <message>
        <source>compare failed: %1</source>
        <translation>比较失败：%1</translation>
    </message>
    <message>
        <source>compare error: %1</source>
        <translation>比较出错：%1</translation>
    </message>
    <message>
        <source>run error (%1=%2): %3</source>
        <translation>运行出错（%1=%2）：%3</translation>
    </message>
    <message>
        <source>Interrupted by %1: %2 of %3 runs were made; the last one was stopped.</source>
        <translation>被 %1 中断：%3 次运行中已进行 %2 次；最后一次被停止。</translation>
    </message>
    <message>
        <source>could not write the summary to %1: %2</source>
        <translation>无法将摘要写入 %1：%2</translation>
    </message>
    <message>
        <source>could not write the CSV to %1: %2</source>
        <translation>无法将 CSV 写入 %1：%2</translation>
    </message>
    <message>
        <source>could not write the image to %1: %2</source>
        <translation>无法将图片写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>cl::app::OutputPaths</name>
    <message>
        <source>%1: the file name is empty; give the path of a file to write</source>
        <translation>%1：文件名为空；请给出要写入的文件路径</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: is a directory; give the path of a file to write</source>
        <translation>%1 “%2”：这是一个目录；请给出要写入的文件路径</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: the directory &quot;%3&quot; does not exist; create it first or choose another path</source>
        <translation>%1 “%2”：目录“%3”不存在；请先创建它，或选择其他路径</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: is not a regular file; give the path of a file to write</source>
        <translation>%1 “%2”：不是普通文件；请给出要写入的文件路径</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: the file is not writable; choose another path</source>
        <translation>%1 “%2”：文件不可写；请选择其他路径</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: cannot create files in &quot;%3&quot;; choose a writable directory</source>
        <translation>%1 “%2”：无法在“%3”中创建文件；请选择可写的目录</translation>
    </message>
    <message>
        <source>--%1 and --%2 both name &quot;%3&quot;; give each output its own file</source>
        <translation>--%1 和 --%2 都指向“%3”；请为每个输出指定各自的文件</translation>
    </message>
</context>
<context>
    <name>cl::app::Startup</name>
    <message>
        <source>could not open the window: no usable display (DISPLAY=&quot;%1&quot;, WAYLAND_DISPLAY=&quot;%2&quot;); %3</source>
        <translation>无法打开窗口：没有可用的显示环境（DISPLAY=&quot;%1&quot;，WAYLAND_DISPLAY=&quot;%2&quot;）；%3</translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot;; options: --help, --version (and Qt&apos;s window options such as -platform); commands: list, describe, run</source>
        <translation>未知选项“%1”；可用选项：--help、--version（以及 -platform 等 Qt 窗口选项）；可用命令：list、describe、run</translation>
    </message>
    <message>
        <source>%1; see --help</source>
        <translation>%1；请参见 --help</translation>
    </message>
    <message>
        <source>no display found (DISPLAY/WAYLAND_DISPLAY not set); %1</source>
        <translation>找不到显示环境（未设置 DISPLAY/WAYLAND_DISPLAY）；%1</translation>
    </message>
    <message>
        <source>use xvfb-run or a headless command: list, describe, run, render</source>
        <translation>请使用 xvfb-run 或无界面命令：list、describe、run、render</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;, and no such file to open; commands: list, describe ID, run ID, render TRACE (no command opens the window)</source>
        <translation>未知命令“%1”，也没有这个文件可打开；可用命令：list、describe ID、run ID、render TRACE（不带命令则打开窗口）</translation>
    </message>
    <message>
        <source>the window opens one trace file at a time; got %1 arguments: %2</source>
        <translation>窗口一次只能打开一个跟踪记录文件；收到了 %1 个参数：%2</translation>
    </message>
    <message>
        <source>use xvfb-run, or draw the trace headless: %1 render %2 --png FILE</source>
        <translation>请使用 xvfb-run，或以无界面方式绘制跟踪记录：%1 render %2 --png FILE</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::CompareReport</name>
    <message>
        <source>Wall time: from the run&apos;s first event to the end of its main thread.
CPU time: the CPU use /proc recorded for the run&apos;s processes (sampled every 50 ms).
Cores busy: CPU time / wall time (1.00 = one core fully used).
Speedup: the first run&apos;s wall time / this run&apos;s wall time.
Workers used: threads or processes that ran, at most the machine&apos;s cores.
Parallel efficiency: speedup / workers used (100% = each worker used sped the run up fully, relative to the first run).
Lock wait: the sum of all time spent waiting for a lock, over all workers.
GIL wait: the sum of all time spent waiting for the GIL.
Queue maximum: the highest queue depth recorded.</source>
        <translation>总耗时（墙钟时间）：从本次运行的第一个事件到其主线程结束。
CPU 时间：/proc 为本次运行的各进程记录的 CPU 用量（每 50 ms 采样一次）。
忙碌核心：CPU 时间 / 总耗时（1.00 = 占满一个核心）。
加速比：第一次运行的总耗时 / 本次运行的总耗时。
参与工作单元：实际运行过的线程或进程数，最多为本机的核心数。
并行效率：加速比 / 参与工作单元（100% = 与第一次运行相比，每个参与的工作单元都让运行得到了充分加速）。
锁等待：所有工作单元等待锁的时间总和。
GIL 等待：等待 GIL 的时间总和。
队列峰值：记录到的最大队列深度。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>The run, as kept in this session.</source>
        <translation>本次会话中保留的这次运行。</translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; this run used.</source>
        <translation>这次运行使用的“%1”取值。</translation>
    </message>
    <message>
        <source>Wall (ms)</source>
        <translation>总耗时 (ms)</translation>
    </message>
    <message>
        <source>Wall time: from the run&apos;s first event to the end of its main thread, in ms.</source>
        <translation>总耗时：从本次运行的第一个事件到其主线程结束，单位 ms。</translation>
    </message>
    <message>
        <source>CPU (ms)</source>
        <translation>CPU (ms)</translation>
    </message>
    <message>
        <source>CPU time of the run&apos;s processes as /proc recorded it (sampled every 50 ms), in ms.</source>
        <translation>/proc 记录的本次运行各进程的 CPU 时间（每 50 ms 采样一次），单位 ms。</translation>
    </message>
    <message>
        <source>Cores busy</source>
        <translation>忙碌核心</translation>
    </message>
    <message>
        <source>CPU time / wall time: 1.00 = one core fully used, 2.00 = two cores.</source>
        <translation>CPU 时间 / 总耗时：1.00 = 占满一个核心，2.00 = 占满两个核心。</translation>
    </message>
    <message>
        <source>Speedup</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>The first run&apos;s wall time / this run&apos;s wall time: 2.00× = twice as fast as the first run.</source>
        <translation>第一次运行的总耗时 / 本次运行的总耗时：2.00× = 比第一次运行快一倍。</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>并行效率</translation>
    </message>
    <message>
        <source>Parallel efficiency = speedup / workers used, where workers used = threads or processes that ran, at most the machine&apos;s cores. 100% = each worker used sped the run up fully, relative to the first run.</source>
        <translation>并行效率 = 加速比 / 参与工作单元，其中参与工作单元 = 实际运行过的线程或进程数，最多为本机的核心数。100% = 与第一次运行相比，每个参与的工作单元都让运行得到了充分加速。</translation>
    </message>
    <message>
        <source>Workers used</source>
        <translation>参与工作单元</translation>
    </message>
    <message>
        <source>Threads or processes that had running time, at most the number of cores.</source>
        <translation>有运行时间的线程或进程数，最多为核心数。</translation>
    </message>
    <message>
        <source>PIDs</source>
        <translation>PID 数</translation>
    </message>
    <message>
        <source>Distinct process ids among the run&apos;s workers.</source>
        <translation>本次运行的工作单元中不同进程 id 的个数。</translation>
    </message>
    <message>
        <source>Lock wait (ms)</source>
        <translation>锁等待 (ms)</translation>
    </message>
    <message>
        <source>The sum of all time spent waiting for a lock, over all workers, in ms.</source>
        <translation>所有工作单元等待锁的时间总和，单位 ms。</translation>
    </message>
    <message>
        <source>GIL wait (ms)</source>
        <translation>GIL 等待 (ms)</translation>
    </message>
    <message>
        <source>The sum of all time spent waiting for the GIL, over all threads, in ms.</source>
        <translation>所有线程等待 GIL 的时间总和，单位 ms。</translation>
    </message>
    <message>
        <source>Queue max</source>
        <translation>队列峰值</translation>
    </message>
    <message>
        <source>The highest queue depth recorded.</source>
        <translation>记录到的最大队列深度。</translation>
    </message>
    <message>
        <source>The lesson&apos;s own metric &quot;%1&quot;.</source>
        <translation>该课程自己的指标“%1”。</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::CompareRunner</name>
    <message>
        <source>a comparison is already running</source>
        <translation>已有一个比较正在运行</translation>
    </message>
    <message>
        <source>the run with %1=%2 did not start: %3</source>
        <translation>%1=%2 的运行未能启动：%3</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::CompareValidation</name>
    <message>
        <source>--vary must be KEY=VALUE1,VALUE2,...; got &quot;%1&quot;</source>
        <translation>--vary 必须是 KEY=VALUE1,VALUE2,... 的形式；收到的是“%1”</translation>
    </message>
    <message>
        <source>cannot vary &quot;%1&quot;: %2 has no such parameter; allowed: %3</source>
        <translation>无法改变“%1”：%2 没有这个参数；可用参数：%3</translation>
    </message>
    <message>
        <source>comparing needs at least 2 values of &quot;%1&quot;, separated by commas; allowed: %2</source>
        <translation>比较至少需要“%1”的 2 个取值，用逗号分隔；允许值：%2</translation>
    </message>
    <message>
        <source>at most %1 values can be compared at once; got %2 values of &quot;%3&quot;</source>
        <translation>一次最多可比较 %1 个取值；收到了“%3”的 %2 个取值</translation>
    </message>
    <message>
        <source>value &quot;%1&quot; of &quot;%2&quot; is given twice; each value runs once</source>
        <translation>“%2”的取值“%1”给出了两次；每个取值只运行一次</translation>
    </message>
    <message>
        <source>the run with %1=%2 would start %3 worker processes, more than the safe limit of %4 (see &quot;run&quot; for why); use fewer workers</source>
        <translation>%1=%2 的运行将启动 %3 个工作进程，超过了安全上限 %4（原因见“run”）；请减少工作单元</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::CoroutinesLesson</name>
    <message numerus="yes">
        <source> … (%n lines in all)</source>
        <translation>
            <numerusform> …（共 %n 行）</numerusform>
        </translation>
    </message>
    <message>
        <source>Coroutines: switch, generators, event loop</source>
        <translation>协程：切换、生成器、事件循环</translation>
    </message>
    <message>
        <source>Coroutines and I/O</source>
        <translation>协程与 I/O</translation>
    </message>
    <message>
        <source>&lt;p&gt;Coroutines are functions that stop in the middle and continue later, all on &lt;b&gt;one thread&lt;/b&gt;. Here they are real C++20 coroutines, run by a real event loop on the run thread; each coroutine is a &lt;b&gt;lane&lt;/b&gt; under that thread on the timeline: green while it runs, grey while it sleeps or waits for a socket, pale while it is suspended. Only one lane of a thread is ever green: arrows show each hand-over from the coroutine that stops to the one that continues.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;switch&lt;/b&gt;: greenlet-style explicit switches. func1 prints 1 and switches to func2, which prints 3 and switches back; func1 prints 2, func2 prints 4. The order is 1, 3, 2, 4.&lt;/li&gt;&lt;li&gt;&lt;b&gt;generator&lt;/b&gt;: a producer sends &lt;i&gt;items&lt;/i&gt; baozi to two consumer generators; each &lt;tt&gt;send()&lt;/tt&gt; resumes a consumer at its &lt;tt&gt;yield&lt;/tt&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;event-loop&lt;/b&gt;: as asyncio: func1 prints 1, sleeps &lt;i&gt;first_sleep_ms&lt;/i&gt;, prints 2; func2 prints 3, sleeps twice as long, prints 4. The sleeps overlap: the run takes the longer one, not the sum.&lt;/li&gt;&lt;li&gt;&lt;b&gt;sync-vs-async&lt;/b&gt;: &lt;i&gt;tasks&lt;/i&gt; waits of &lt;i&gt;task_ms&lt;/i&gt;, first awaited one after another, then spawned together and gathered.&lt;/li&gt;&lt;li&gt;&lt;b&gt;many&lt;/b&gt;: &lt;i&gt;count&lt;/i&gt; coroutines (up to 100 000) all sleeping &lt;i&gt;task_ms&lt;/i&gt; at once on one thread; the summary gives the memory of one suspended coroutine.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;The metrics count the kernel threads that ran coroutine code and the most coroutines of one thread running at the same instant, which must be 1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;协程是可以在中途暂停、之后再继续执行的函数，全部运行在&lt;b&gt;同一个线程&lt;/b&gt;上。这里用的是真正的 C++20 协程，由运行线程上真正的事件循环驱动；每个协程在时间线上是该线程下方的一条&lt;b&gt;泳道&lt;/b&gt;：运行时为绿色，睡眠或等待套接字时为灰色，挂起时为浅色。同一线程的泳道在任何时刻都只有一条是绿色的：箭头表示每一次交接，从暂停的协程指向继续执行的协程。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;switch&lt;/b&gt;：greenlet 式的显式切换。func1 打印 1 后切换到 func2，func2 打印 3 后再切换回来；func1 打印 2，func2 打印 4。顺序是 1、3、2、4。&lt;/li&gt;&lt;li&gt;&lt;b&gt;generator&lt;/b&gt;：生产者向两个消费者生成器各发送 &lt;i&gt;items&lt;/i&gt; 个包子；每次 &lt;tt&gt;send()&lt;/tt&gt; 都让一个消费者从它的 &lt;tt&gt;yield&lt;/tt&gt; 处恢复执行。&lt;/li&gt;&lt;li&gt;&lt;b&gt;event-loop&lt;/b&gt;：与 asyncio 相同：func1 打印 1，睡眠 &lt;i&gt;first_sleep_ms&lt;/i&gt;，再打印 2；func2 打印 3，睡眠两倍时长，再打印 4。两次睡眠相互重叠：运行耗时取决于较长的那次，而不是两者之和。&lt;/li&gt;&lt;li&gt;&lt;b&gt;sync-vs-async&lt;/b&gt;：&lt;i&gt;tasks&lt;/i&gt; 次时长为 &lt;i&gt;task_ms&lt;/i&gt; 的等待，先逐个 await，再一起创建并 gather。&lt;/li&gt;&lt;li&gt;&lt;b&gt;many&lt;/b&gt;：&lt;i&gt;count&lt;/i&gt; 个协程（最多 100 000 个）在同一个线程上同时睡眠 &lt;i&gt;task_ms&lt;/i&gt;；摘要给出一个挂起协程占用的内存。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;指标统计运行过协程代码的内核线程数，以及同一线程中同一时刻正在运行的协程数的最大值，这个值必须是 1。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>printed, in order</source>
        <translation>按顺序打印的内容</translation>
    </message>
    <message>
        <source>wall time (ms)</source>
        <translation>总耗时 (ms)</translation>
    </message>
    <message>
        <source>coroutines</source>
        <translation>协程数</translation>
    </message>
    <message>
        <source>threads that ran coroutine code</source>
        <translation>运行过协程代码的线程数</translation>
    </message>
    <message>
        <source>most coroutines of one thread running at once</source>
        <translation>同一线程中同时运行的协程数（最大值）</translation>
    </message>
    <message>
        <source>All of it ran on one thread, one coroutine at a time.</source>
        <translation>全部在一个线程上运行，一次只运行一个协程。</translation>
    </message>
    <message>
        <source>Unexpected: %1 threads ran coroutine code and up to %2 coroutines of one thread ran at once.</source>
        <translation>出乎意料：有 %1 个线程运行过协程代码，同一线程中最多有 %2 个协程同时运行。</translation>
    </message>
    <message>
        <source>Stopped: every coroutine was cancelled and unwound; %1 of %2 had finished.</source>
        <translation>已停止：所有协程都已被取消并完成栈展开；%2 个中有 %1 个已完成。</translation>
    </message>
    <message>
        <source>switches</source>
        <translation>切换次数</translation>
    </message>
    <message>
        <source>Printed 1, 3, 2, 4: the two greenlets handed the thread to each other by explicit switches (%1, counting the return to main when func2 ended); each continued where it had switched away.</source>
        <translation>打印了 1、3、2、4：两个 greenlet 通过显式切换把线程交给对方（%1 次，包括 func2 结束时返回 main 的那一次）；每个都从切换离开的地方继续执行。</translation>
    </message>
    <message>
        <source>Printed %1 instead of 1, 3, 2, 4.</source>
        <translation>打印的是 %1，而不是 1、3、2、4。</translation>
    </message>
    <message>
        <source>The producer sent %1 baozi to each of the two consumers; every send() resumed a consumer at its yield and got control back at the next one. Nothing waited: %2 ms in all.</source>
        <translation>生产者向两个消费者各发送了 %1 个包子；每次 send() 都让一个消费者从它的 yield 处恢复，并在下一个 yield 处交回控制权。没有任何等待：共用时 %2 ms。</translation>
    </message>
    <message>
        <source>the sleeps one after another (ms)</source>
        <translation>睡眠依次进行的耗时 (ms)</translation>
    </message>
    <message>
        <source>Printed %1 in %2 ms: both tasks slept at the same time, so the run took about the longer sleep (%3 ms), not the sum (%4 ms).</source>
        <translation>用 %2 ms 打印出 %1：两个任务同时睡眠，所以运行耗时约等于较长的那次睡眠（%3 ms），而不是两者之和（%4 ms）。</translation>
    </message>
    <message>
        <source>one after another (ms)</source>
        <translation>逐个运行耗时 (ms)</translation>
    </message>
    <message>
        <source>together (ms)</source>
        <translation>一起运行耗时 (ms)</translation>
    </message>
    <message>
        <source>tasks × wait (ms)</source>
        <translation>任务数 × 等待时间 (ms)</translation>
    </message>
    <message>
        <source>One after another, the %1 waits took %2 ms (tasks × wait = %3 ms); together they took %4 ms, about one wait (%5 ms).</source>
        <translation>逐个进行时，%1 次等待用时 %2 ms（任务数 × 等待时间 = %3 ms）；一起进行时用时 %4 ms，约等于一次等待（%5 ms）。</translation>
    </message>
    <message>
        <source>coroutines completed</source>
        <translation>已完成的协程数</translation>
    </message>
    <message>
        <source>bytes per suspended coroutine (frame)</source>
        <translation>每个挂起协程（帧）的字节数</translation>
    </message>
    <message>
        <source>%1 of %2 coroutines slept %3 ms at the same time and completed in %4 ms. A suspended coroutine&apos;s frame took %5 bytes.</source>
        <translation>%2 个协程中有 %1 个同时睡眠了 %3 ms，并在 %4 ms 内完成。一个挂起协程的帧占用 %5 字节。</translation>
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
    <message>
        <source>The shared value ended at %1, %2 above the %3 additions the workers recorded: a worker killed right after writing had no time to record its addition.</source>
        <translation>共享值最终是 %1，比工作单元记录的 %3 次加法多出 %2：有工作单元在写入后立即被终止，来不及记录这次加法。</translation>
    </message>
    <message>
        <source>%1 of the %2 planned additions were never made (a worker was stopped or killed first); they do not count as lost.</source>
        <translation>计划的 %2 次加法中有 %1 次没有执行（有工作单元先被停止或终止）；这些不算作丢失的更新。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::EchoServerLesson</name>
    <message>
        <source>Echo server: thread, process or event loop per connection</source>
        <translation>回显服务器：每个连接一个线程/进程，或使用事件循环</translation>
    </message>
    <message>
        <source>Coroutines and I/O</source>
        <translation>协程与 I/O</translation>
    </message>
    <message>
        <source>&lt;p&gt;A TCP echo server on &lt;b&gt;127.0.0.1&lt;/b&gt; (a free port the kernel picks; nothing leaves this machine) and &lt;i&gt;clients&lt;/i&gt; real client sockets, each sending &lt;i&gt;messages&lt;/i&gt; messages of &lt;i&gt;bytes&lt;/i&gt; bytes and checking that every byte comes back unchanged.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;thread-per-connection&lt;/b&gt;: the main thread accepts; each connection gets a thread of its own that blocks in recv() (seed 000 §8.1).&lt;/li&gt;&lt;li&gt;&lt;b&gt;process-per-connection&lt;/b&gt;: a server process accepts and forks a child per connection, which inherits the accepted socket (§8.2 with the fork start method, socketserver.ForkingTCPServer). The server is single-threaded, so forking there is safe.&lt;/li&gt;&lt;li&gt;&lt;b&gt;event-loop&lt;/b&gt;: one thread, one epoll event loop, a coroutine per connection: a lane per connection under a single thread.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;The clients run as coroutines of one client thread, so a thousand clients need no thousand threads. p50 and p99 are the round trips of one message as a client measured them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在 &lt;b&gt;127.0.0.1&lt;/b&gt; 上运行一个 TCP 回显服务器（端口由内核挑选一个空闲的；数据不会离开本机），并用 &lt;i&gt;clients&lt;/i&gt; 个真实的客户端套接字连接它，每个客户端发送 &lt;i&gt;messages&lt;/i&gt; 条 &lt;i&gt;bytes&lt;/i&gt; 字节的消息，并检查每个字节都原样返回。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;thread-per-connection&lt;/b&gt;：主线程负责 accept；每个连接都有自己的线程，在 recv() 中阻塞（笔记 000 §8.1）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;process-per-connection&lt;/b&gt;：一个服务器进程负责 accept，并为每个连接 fork 一个子进程，子进程继承已接受的套接字（§8.2，使用 fork 启动方式，即 socketserver.ForkingTCPServer）。服务器是单线程的，所以在其中 fork 是安全的。&lt;/li&gt;&lt;li&gt;&lt;b&gt;event-loop&lt;/b&gt;：一个线程、一个 epoll 事件循环，每个连接一个协程：同一个线程下，每个连接一条泳道。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;客户端作为同一个客户端线程中的协程运行，所以一千个客户端并不需要一千个线程。p50 和 p99 是客户端测得的单条消息往返时间。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the shared results</source>
        <translation>无法设置共享的结果区</translation>
    </message>
    <message>
        <source>no free event ring for connection process %1</source>
        <translation>没有空闲的事件环形缓冲区可分配给连接进程 %1</translation>
    </message>
    <message>
        <source>could not listen on 127.0.0.1: %1</source>
        <translation>无法在 127.0.0.1 上监听：%1</translation>
    </message>
    <message>
        <source>the server could not listen on 127.0.0.1: %1</source>
        <translation>服务器无法在 127.0.0.1 上监听：%1</translation>
    </message>
    <message>
        <source>a client could not connect: %1</source>
        <translation>有客户端无法连接：%1</translation>
    </message>
    <message>
        <source>the server could not fork a connection process: %1</source>
        <translation>服务器无法为连接 fork 进程：%1</translation>
    </message>
    <message>
        <source>connections accepted</source>
        <translation>已接受的连接数</translation>
    </message>
    <message>
        <source>bytes echoed back unchanged</source>
        <translation>原样回显的字节数</translation>
    </message>
    <message>
        <source>bytes wrong or missing</source>
        <translation>错误或缺失的字节数</translation>
    </message>
    <message>
        <source>round trip, median (µs)</source>
        <translation>往返时间，中位数 (µs)</translation>
    </message>
    <message>
        <source>round trip, 99th percentile (µs)</source>
        <translation>往返时间，第 99 百分位 (µs)</translation>
    </message>
    <message>
        <source>server threads</source>
        <translation>服务器线程数</translation>
    </message>
    <message>
        <source>server processes</source>
        <translation>服务器进程数</translation>
    </message>
    <message>
        <source>wall time (ms)</source>
        <translation>总耗时 (ms)</translation>
    </message>
    <message>
        <source>Every byte came back: %1 clients, %2 bytes echoed, none wrong. The server used %3 thread(s) in %4 process(es); round trips took %5 µs (median) and %6 µs (p99).</source>
        <translation>每个字节都已返回：%1 个客户端，回显 %2 字节，没有错误。服务器在 %4 个进程中使用了 %3 个线程；往返时间为 %5 µs（中位数）和 %6 µs（p99）。</translation>
    </message>
    <message>
        <source>%1 of %2 bytes did not come back as sent (%3 of %4 clients connected).</source>
        <translation>%2 字节中有 %1 字节未能按原样返回（%4 个客户端中有 %3 个已连接）。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::FetchLesson</name>
    <message>
        <source>Fetching URLs: one after another, threads, coroutines</source>
        <translation>抓取 URL：逐个抓取、多线程、协程</translation>
    </message>
    <message>
        <source>Coroutines and I/O</source>
        <translation>协程与 I/O</translation>
    </message>
    <message>
        <source>&lt;p&gt;The lesson starts a small HTTP-like server on &lt;b&gt;127.0.0.1&lt;/b&gt; (a free port; it stops with the run) that answers each request after a delay, as a slow web site would: request &lt;i&gt;i&lt;/i&gt; waits &lt;i&gt;latency_ms&lt;/i&gt; + &lt;i&gt;i&lt;/i&gt; × &lt;i&gt;latency_step_ms&lt;/i&gt;. Then &lt;i&gt;urls&lt;/i&gt; requests are made:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;sequential&lt;/b&gt;: one after another on the main thread, as with requests.get() in a loop;&lt;/li&gt;&lt;li&gt;&lt;b&gt;threads&lt;/b&gt;: one thread per request;&lt;/li&gt;&lt;li&gt;&lt;b&gt;coroutines&lt;/b&gt;: one coroutine per request on one event loop, as with asyncio and aiohttp (seed 000 §6.2).&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;One after another, the waits add up; threads and coroutines wait at the same time, so the run takes about the longest wait. &lt;i&gt;overlap&lt;/i&gt; says how much: 0% when the waits followed each other, 100% when the run took no longer than the longest of them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;本课程先在 &lt;b&gt;127.0.0.1&lt;/b&gt; 上启动一个类似 HTTP 的小型服务器（使用空闲端口，随运行结束而停止），它像一个很慢的网站那样，延迟一段时间后才响应每个请求：第 &lt;i&gt;i&lt;/i&gt; 个请求等待 &lt;i&gt;latency_ms&lt;/i&gt; + &lt;i&gt;i&lt;/i&gt; × &lt;i&gt;latency_step_ms&lt;/i&gt;。然后发出 &lt;i&gt;urls&lt;/i&gt; 个请求：&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;sequential&lt;/b&gt;：在主线程上逐个发出，就像在循环中调用 requests.get()；&lt;/li&gt;&lt;li&gt;&lt;b&gt;threads&lt;/b&gt;：每个请求一个线程；&lt;/li&gt;&lt;li&gt;&lt;b&gt;coroutines&lt;/b&gt;：每个请求一个协程，运行在同一个事件循环上，就像 asyncio 加 aiohttp（笔记 000 §6.2）。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;逐个发出时，等待时间会累加；线程和协程则同时等待，所以运行耗时约等于最长的那次等待。&lt;i&gt;overlap&lt;/i&gt; 表示重叠的程度：等待依次进行时为 0%，运行耗时不超过其中最长的等待时为 100%。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the shared results</source>
        <translation>无法设置共享的结果区</translation>
    </message>
    <message>
        <source>the server could not listen on 127.0.0.1: %1</source>
        <translation>服务器无法在 127.0.0.1 上监听：%1</translation>
    </message>
    <message>
        <source>a request failed: %1</source>
        <translation>有请求失败：%1</translation>
    </message>
    <message>
        <source>wall time, first request to last reply (ms)</source>
        <translation>总耗时，从第一个请求到最后一个响应 (ms)</translation>
    </message>
    <message>
        <source>server latencies added up (ms)</source>
        <translation>服务器延迟之和 (ms)</translation>
    </message>
    <message>
        <source>longest server latency (ms)</source>
        <translation>最长的服务器延迟 (ms)</translation>
    </message>
    <message>
        <source>overlap of the waits (%)</source>
        <translation>等待的重叠度 (%)</translation>
    </message>
    <message>
        <source>requests answered</source>
        <translation>已响应的请求数</translation>
    </message>
    <message>
        <source>Only %1 of %2 requests were answered.</source>
        <translation>%2 个请求中只有 %1 个得到了响应。</translation>
    </message>
    <message>
        <source>One after another, the %1 requests took %2 ms: about the sum of the server&apos;s latencies (%3 ms). Overlap %4%.</source>
        <translation>逐个发出时，%1 个请求用时 %2 ms：约等于服务器延迟之和（%3 ms）。重叠度 %4%。</translation>
    </message>
    <message>
        <source>%1: the %2 requests waited at the same time and took %3 ms, about the longest latency (%4 ms) instead of their sum (%5 ms). Overlap %6%.</source>
        <translation>%1：%2 个请求同时等待，用时 %3 ms，约等于最长的延迟（%4 ms），而不是延迟之和（%5 ms）。重叠度 %6%。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::Lifecycle</name>
    <message>
        <source>signal %1 (exit value %2)</source>
        <translation>信号 %1（退出值 %2）</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <source>Process lifecycle: join, daemon, terminate, exit codes</source>
        <translation>进程生命周期：join、守护进程、terminate、退出码</translation>
    </message>
    <message>
        <source>Processes and threads</source>
        <translation>进程与线程</translation>
    </message>
    <message>
        <source>&lt;p&gt;The main process starts two children, each working &lt;i&gt;work_ms&lt;/i&gt; with &lt;i&gt;threads&lt;/i&gt; extra threads of its own (their TIDs are tracks inside the child&apos;s process). &lt;b&gt;child-1&lt;/b&gt; ends by itself with &lt;i&gt;exit_code&lt;/i&gt;, or, if &lt;i&gt;signal&lt;/i&gt; is set, is ended by that signal: its exit value is then −N, as Python reports it. &lt;b&gt;child-2&lt;/b&gt; is sent SIGTERM (terminate()) after &lt;i&gt;terminate_after_ms&lt;/i&gt;, if set.&lt;/p&gt;&lt;p&gt;With &lt;b&gt;join&lt;/b&gt; on, the main process waits for both children (the grey wait on its track). Without it, its own code ends after &lt;i&gt;parent_ms&lt;/i&gt;. Then &lt;b&gt;daemon&lt;/b&gt; children are terminated at once, as Python does at exit; the others are waited for.&lt;/p&gt;</source>
        <translation>&lt;p&gt;主进程启动两个子进程，每个子进程工作 &lt;i&gt;work_ms&lt;/i&gt;，并各自另外启动 &lt;i&gt;threads&lt;/i&gt; 个线程（它们的 TID 显示为子进程内的轨道）。&lt;b&gt;child-1&lt;/b&gt; 以 &lt;i&gt;exit_code&lt;/i&gt; 自行结束；如果设置了 &lt;i&gt;signal&lt;/i&gt;，则改由该信号结束：此时它的退出值为 −N，与 Python 报告的一致。&lt;b&gt;child-2&lt;/b&gt; 会在 &lt;i&gt;terminate_after_ms&lt;/i&gt; 之后收到 SIGTERM（terminate()），前提是设置了该值。&lt;/p&gt;&lt;p&gt;开启 &lt;b&gt;join&lt;/b&gt; 时，主进程会等待两个子进程（即它轨道上的灰色等待）。不开启时，它自己的代码在 &lt;i&gt;parent_ms&lt;/i&gt; 后结束。随后，&lt;b&gt;daemon&lt;/b&gt;（守护）子进程会立即被终止，就像 Python 在退出时所做的那样；其他子进程则会被等待。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the children&apos;s results</source>
        <translation>无法设置子进程的结果区</translation>
    </message>
    <message>
        <source>child-1&apos;s exit value</source>
        <translation>child-1 的退出值</translation>
    </message>
    <message>
        <source>child-2&apos;s exit value</source>
        <translation>child-2 的退出值</translation>
    </message>
    <message>
        <source>children running when the main code ended</source>
        <translation>主代码结束时仍在运行的子进程数</translation>
    </message>
    <message>
        <source>children that outlived the main code</source>
        <translation>比主代码存活更久的子进程数</translation>
    </message>
    <message>
        <source>threads in a child (/proc/self/task)</source>
        <translation>子进程中的线程数（/proc/self/task）</translation>
    </message>
    <message>
        <source>child-1 ended with %1, child-2 with %2.</source>
        <translation>child-1 的结束状态：%1；child-2：%2。</translation>
    </message>
    <message>
        <source>join() made the main process wait until both had ended.</source>
        <translation>join() 让主进程一直等到两个子进程都结束。</translation>
    </message>
    <message>
        <source>The main code ended after %1 ms, when both children had already ended.</source>
        <translation>主代码在 %1 ms 后结束，此时两个子进程都已结束。</translation>
    </message>
    <message numerus="yes">
        <source>The main code ended after %1 ms with %n child(ren) still running: as daemons they were terminated (SIGTERM) right then.</source>
        <translation>
            <numerusform>主代码在 %1 ms 后结束，此时仍有 %n 个子进程在运行：它们是守护进程，因此当即被终止（SIGTERM）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The main code ended after %1 ms with %n child(ren) still running: they are not daemons, so the main process waited for them before exiting.</source>
        <translation>
            <numerusform>主代码在 %1 ms 后结束，此时仍有 %n 个子进程在运行：它们不是守护进程，所以主进程先等待它们结束，然后才退出。</numerusform>
        </translation>
    </message>
    <message>
        <source>A child saw %1 threads in /proc/self/task: its main thread and %2 of its own.</source>
        <translation>一个子进程在 /proc/self/task 中看到 %1 个线程：它的主线程，以及它自己启动的 %2 个线程。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::LockContention</name>
    <message>
        <source>Lock contention</source>
        <translation>锁争用</translation>
    </message>
    <message>
        <source>Locks and races</source>
        <translation>锁与竞争</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every worker repeats the same turn: take the lock, work &lt;b&gt;inside&lt;/b&gt; it for &lt;i&gt;hold&lt;/i&gt; ms, release it, then work &lt;b&gt;outside&lt;/b&gt; it for &lt;i&gt;outside&lt;/i&gt; ms. Only one worker can hold the lock at a time, so the time spent inside it is served one worker after another, however many cores there are.&lt;/p&gt;&lt;p&gt;On the timeline, a blue outline marks each hold (the work done while holding shows inside it); holds never overlap from one worker to the next. Red spans are waits for the lock, and each arrow is a hand-over from the worker that released it to the one that got it. The verdict compares the run&apos;s wall time with the held time added up: when they are close, the lock is the bottleneck and more workers only wait longer.&lt;/p&gt;&lt;p&gt;With &lt;b&gt;rlock&lt;/b&gt;, the critical section takes the lock a second time, as a recursive function would. Its owner gets straight back in, and the hold stays one span; a plain lock would deadlock there. With &lt;b&gt;none&lt;/b&gt;, the workers overlap freely: no waits, no arrows, a shorter run, and nothing protected.&lt;/p&gt;&lt;p&gt;The work inside and outside the lock is a sleep, as the notes&apos; &lt;tt&gt;time.sleep(2)&lt;/tt&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每个工作单元重复同样的一轮：获取锁，在锁&lt;b&gt;内&lt;/b&gt;工作 &lt;i&gt;hold&lt;/i&gt; 毫秒，释放锁，再在锁&lt;b&gt;外&lt;/b&gt;工作 &lt;i&gt;outside&lt;/i&gt; 毫秒。同一时刻只有一个工作单元能持有锁，所以无论有多少个核心，锁内的时间都只能由工作单元一个接一个地依次度过。&lt;/p&gt;&lt;p&gt;在时间线上，蓝色边框标出每一次持有锁（持有期间做的工作显示在框内）；不同工作单元的持有区段从不重叠。红色区段表示等待锁，每个箭头表示一次锁交接：从释放锁的工作单元交给获得锁的工作单元。结论把本次运行的总耗时和持有锁时间的总和做比较：两者接近时，锁就是瓶颈，再增加工作单元只会等得更久。&lt;/p&gt;&lt;p&gt;选择 &lt;b&gt;rlock&lt;/b&gt; 时，临界区会再次获取这把锁，就像递归函数那样。锁的持有者可以直接再次进入，持有区段仍是一整段；换成普通的锁，这里就会死锁。选择 &lt;b&gt;none&lt;/b&gt; 时，工作单元自由重叠：没有等待，没有箭头，运行更快结束，但什么也没有受到保护。&lt;/p&gt;&lt;p&gt;锁内和锁外的工作都是睡眠，与笔记中的 &lt;tt&gt;time.sleep(2)&lt;/tt&gt; 相同。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the shared lock</source>
        <translation>无法创建共享锁</translation>
    </message>
    <message>
        <source>wall time (ms)</source>
        <translation>总耗时 (ms)</translation>
    </message>
    <message>
        <source>time inside the lock, all workers (ms)</source>
        <translation>持有锁的时间，所有工作单元合计 (ms)</translation>
    </message>
    <message>
        <source>time waiting for the lock, all workers (ms)</source>
        <translation>等待锁的时间，所有工作单元合计 (ms)</translation>
    </message>
    <message>
        <source>longest single wait (ms)</source>
        <translation>单次最长等待 (ms)</translation>
    </message>
    <message>
        <source>hand-overs to another worker</source>
        <translation>交接给其他工作单元的次数</translation>
    </message>
    <message>
        <source>acquisitions</source>
        <translation>获取锁的次数</translation>
    </message>
    <message>
        <source>time inside / wall time (%)</source>
        <translation>持有锁时间 / 总耗时 (%)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Without a lock, %1 of work meant for the critical section overlapped: the run took %2 and no worker waited. Nothing kept the workers apart.</source>
        <translation>不加锁时，本应在临界区内进行的 %1 工作相互重叠：本次运行用时 %2，没有任何工作单元等待。没有任何机制把工作单元隔开。</translation>
    </message>
    <message>
        <source>once</source>
        <translation>1 次</translation>
    </message>
    <message>
        <source>%1 times</source>
        <translation>%1 次</translation>
    </message>
    <message>
        <source>The lock serialised %1 of holding into a %2 run: workers waited %3 in total, the longest wait was %4, and the lock changed hands %5.</source>
        <translation>锁让共 %1 的持有时间依次排队，本次运行用时 %2：工作单元总共等待了 %3，单次最长等待 %4，锁共交接了 %5。</translation>
    </message>
    <message>
        <source>With one worker there is nobody to wait for.</source>
        <translation>只有一个工作单元时，无需等待任何人。</translation>
    </message>
    <message>
        <source>Holding filled %1% of the run: the lock is the bottleneck, and more workers would only wait longer.</source>
        <translation>持有锁的时间占了运行时间的 %1%：锁就是瓶颈，增加工作单元只会等得更久。</translation>
    </message>
    <message>
        <source>Holding filled %1% of the run; the rest overlapped outside the lock.</source>
        <translation>持有锁的时间占了运行时间的 %1%；其余时间在锁外相互重叠。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::LogPool</name>
    <message>
        <source>Log files with a process pool</source>
        <translation>用进程池处理日志文件</translation>
    </message>
    <message>
        <source>Pools</source>
        <translation>进程池与线程池</translation>
    </message>
    <message>
        <source>&lt;p&gt;A directory of web-server access logs, one file per day (generated from a fixed seed into a temporary directory that is removed afterwards). For every file the task counts its lines and its distinct client IPs, taking the IP as the notes do: the text before &quot; - - &quot;, up to the first comma.&lt;/p&gt;&lt;p&gt;&lt;b&gt;pool&lt;/b&gt;: each file is one task of a process pool. Watch the files spread over the &quot;pool worker&quot; rows (green spans labelled with the task&apos;s index, one per file) and the arrows to the &lt;b&gt;result handler&lt;/b&gt; thread of the main process, where a callback adds each file&apos;s counts to the totals, like the notes&apos; &lt;code&gt;done&lt;/code&gt; filling &lt;code&gt;info&lt;/code&gt;. &lt;b&gt;serial&lt;/b&gt;: the main thread counts the files one after another.&lt;/p&gt;&lt;p&gt;The verdict checks the totals against a plain single-threaded count of the same files, made after the timed part. Run both approaches to compare their wall times.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一个存放 Web 服务器访问日志的目录，每天一个文件（用固定种子生成在临时目录中，用完即删除）。任务统计每个文件的行数和不同客户端 IP 的个数，IP 的取法与笔记相同：取 &quot; - - &quot; 之前的文本，截到第一个逗号为止。&lt;/p&gt;&lt;p&gt;&lt;b&gt;pool&lt;/b&gt;（进程池）：每个文件是进程池的一个任务。观察文件如何分散到各个“pool worker”行上（绿色区段，标着任务序号，每个文件一个），以及指向主进程中 &lt;b&gt;result handler&lt;/b&gt;（结果处理）线程的箭头：回调在那里把每个文件的统计数加到总数上，就像笔记中的 &lt;code&gt;done&lt;/code&gt; 填充 &lt;code&gt;info&lt;/code&gt; 那样。&lt;b&gt;serial&lt;/b&gt;（串行）：由主线程逐个统计文件。&lt;/p&gt;&lt;p&gt;结论会把总数与计时部分结束后对同一批文件所做的普通单线程统计进行比较。两种方式都运行一遍，比较它们的总耗时。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not create a temporary directory for the logs in %1</source>
        <translation>无法在 %1 中为日志创建临时目录</translation>
    </message>
    <message>
        <source>could not write the access logs to %1</source>
        <translation>无法将访问日志写入 %1</translation>
    </message>
    <message>
        <source>files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <source>files counted</source>
        <translation>已统计文件</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>distinct client IPs, all files</source>
        <translation>不同客户端 IP 数（所有文件合计）</translation>
    </message>
    <message>
        <source>totals match a single-threaded count</source>
        <translation>总数与单线程统计一致</translation>
    </message>
    <message>
        <source>wall time (ms)</source>
        <translation>总耗时 (ms)</translation>
    </message>
    <message>
        <source>a pool of %1 processes</source>
        <translation>包含 %1 个进程的进程池</translation>
    </message>
    <message>
        <source>the main thread alone</source>
        <translation>主线程单独</translation>
    </message>
    <message>
        <source>%1 files, %2 lines, %3 distinct client IPs, counted by %4 in %5 ms; the totals match a single-threaded count of the same files.</source>
        <translation>%1 个文件，%2 行，%3 个不同客户端 IP，由%4统计，用时 %5 ms；总数与对同一批文件的单线程统计一致。</translation>
    </message>
    <message>
        <source>The totals counted by %1 (%2 lines, %3 distinct IPs) differ from a single-threaded count of the same files (%4 distinct IPs).</source>
        <translation>由%1统计的总数（%2 行，%3 个不同 IP）与对同一批文件的单线程统计（%4 个不同 IP）不一致。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::ManagerHost</name>
    <message>
        <source>could not set up the manager in shared memory</source>
        <translation>无法在共享内存中设置 Manager</translation>
    </message>
    <message>
        <source>could not start the manager process</source>
        <translation>无法启动 Manager 服务进程</translation>
    </message>
    <message>
        <source>the manager process (pid %1) ended or did not answer before it was ready</source>
        <translation>Manager 服务进程（pid %1）在就绪前结束或没有响应</translation>
    </message>
    <message>
        <source>the manager process (pid %1) could not listen on its socket: %2</source>
        <translation>Manager 服务进程（pid %1）无法在其套接字上监听：%2</translation>
    </message>
    <message>
        <source>could not connect to the manager process (pid %1)</source>
        <translation>无法连接到 Manager 服务进程（pid %1）</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>被信号 %1 终止</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <source>the manager process (pid %1) ended before the run was over (%2): its proxies got no reply, so the workers could not finish</source>
        <translation>Manager 服务进程（pid %1）在运行结束前就已结束（%2）：它的代理对象收不到回复，因此工作单元无法完成</translation>
    </message>
    <message>
        <source>could not set up the tickets in the manager process (pid %1)</source>
        <translation>无法在 Manager 服务进程（pid %1）中初始化余票</translation>
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
        <source>Hold a shared lock from reading to writing.</source>
        <translation>从读取到写回全程持有同一把互斥锁。</translation>
    </message>
    <message>
        <source>Workers taking turns at the lock.</source>
        <translation>轮流获取锁的工作单元个数。</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Turns each worker takes: lock, work inside, release, work outside.</source>
        <translation>每个工作单元执行的轮数，每轮为：加锁、锁内工作、释放锁、锁外工作。</translation>
    </message>
    <message>
        <source>Work inside the lock</source>
        <translation>锁内工作时间</translation>
    </message>
    <message>
        <source>Time each turn spends holding the lock (the notes use 2000 ms).</source>
        <translation>每一轮持有锁的时间（笔记中为 2000 毫秒）。</translation>
    </message>
    <message>
        <source>Work outside the lock</source>
        <translation>锁外工作时间</translation>
    </message>
    <message>
        <source>Time each turn spends after releasing the lock, overlapping the others.</source>
        <translation>每一轮释放锁之后的工作时间，可与其他工作单元重叠。</translation>
    </message>
    <message>
        <source>A plain lock, a recursive lock that its owner takes twice, or no lock at all.</source>
        <translation>普通的互斥锁、由持有者获取两次的递归锁，或者完全不加锁。</translation>
    </message>
    <message>
        <source>mutex (Lock)</source>
        <translation>互斥锁（Lock）</translation>
    </message>
    <message>
        <source>recursive lock (RLock)</source>
        <translation>递归锁（RLock）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>不加锁</translation>
    </message>
    <message>
        <source>serial</source>
        <translation>串行</translation>
    </message>
    <message>
        <source>threads with the GIL</source>
        <translation>带 GIL 的线程</translation>
    </message>
    <message>
        <source>CPU-bound</source>
        <translation>CPU 密集型</translation>
    </message>
    <message>
        <source>I/O-bound</source>
        <translation>I/O 密集型</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>Equal jobs to run. Threads and processes modes start one worker per job.</source>
        <translation>要运行的任务个数，每个任务的工作量相同。线程和进程模式下，每个任务启动一个工作单元。</translation>
    </message>
    <message>
        <source>Work per job</source>
        <translation>每个任务的工作量</translation>
    </message>
    <message>
        <source>What one job takes alone: CPU time of one core for CPU-bound work (a loop calibrated on this machine), waiting time for I/O-bound work.</source>
        <translation>单个任务单独运行所需的时间：CPU 密集型任务是单个核心的 CPU 时间（一个在本机上校准过的循环），I/O 密集型任务是等待时间。</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>任务类型</translation>
    </message>
    <message>
        <source>cpu: the job computes. io: the job waits (a sleep), as a download or a disk read does.</source>
        <translation>cpu：任务进行计算。io：任务等待（睡眠），就像下载或读磁盘那样。</translation>
    </message>
    <message>
        <source>Run as</source>
        <translation>运行方式</translation>
    </message>
    <message>
        <source>serial: the main thread, one job after another. threads: a thread per job, no GIL. gil-threads: a thread per job under the GIL model, as in CPython. processes: a process per job.</source>
        <translation>serial：由主线程逐个运行任务。threads：每个任务一个线程，没有 GIL。gil-threads：每个任务一个线程，受 GIL 模型约束，与 CPython 相同。processes：每个任务一个进程。</translation>
    </message>
    <message>
        <source>GIL switch interval</source>
        <translation>GIL 切换间隔</translation>
    </message>
    <message>
        <source>How long a thread waits for the GIL before it asks the holder to let go (sys.setswitchinterval; CPython&apos;s default is 5 ms). Used by gil-threads only.</source>
        <translation>线程等待 GIL 多久之后请求持有者释放（即 sys.setswitchinterval；CPython 默认为 5 毫秒）。仅用于 gil-threads。</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <source>Access-log files, one per day (the notes have 8).</source>
        <translation>访问日志文件的个数，每天一个（笔记中为 8 个）。</translation>
    </message>
    <message>
        <source>Lines per file</source>
        <translation>每个文件的行数</translation>
    </message>
    <message>
        <source>Requests logged in each file (about 110 bytes each).</source>
        <translation>每个文件记录的请求数（每条约 110 字节）。</translation>
    </message>
    <message>
        <source>Approach</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Count the files with a process pool, one task per file, or one after another.</source>
        <translation>用进程池统计文件（每个文件一个任务），或逐个统计。</translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation>池大小</translation>
    </message>
    <message>
        <source>Worker processes in the pool (the notes use 4).</source>
        <translation>池中的工作进程数（笔记中为 4 个）。</translation>
    </message>
    <message>
        <source>plain (Queue)</source>
        <translation>普通队列（Queue）</translation>
    </message>
    <message>
        <source>joinable (JoinableQueue)</source>
        <translation>可 join 的队列（JoinableQueue）</translation>
    </message>
    <message>
        <source>a None per consumer</source>
        <translation>每个消费者一个 None</translation>
    </message>
    <message>
        <source>daemon consumers</source>
        <translation>守护（daemon）消费者</translation>
    </message>
    <message>
        <source>pool</source>
        <translation>进程池</translation>
    </message>
    <message>
        <source>one process per task</source>
        <translation>每个任务一个进程</translation>
    </message>
    <message>
        <source>map()</source>
        <translation>map()</translation>
    </message>
    <message>
        <source>apply()</source>
        <translation>apply()</translation>
    </message>
    <message>
        <source>apply_async()</source>
        <translation>apply_async()</translation>
    </message>
    <message>
        <source>sleep</source>
        <translation>睡眠</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>池类型</translation>
    </message>
    <message>
        <source>A pool of worker processes or of worker threads.</source>
        <translation>由工作进程组成的进程池，或由工作线程组成的线程池。</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>Tasks submitted, each with a done callback (the notes use 50).</source>
        <translation>提交的任务数，每个任务都带一个完成回调（笔记中为 50 个）。</translation>
    </message>
    <message>
        <source>Workers in the pool (the notes use 4).</source>
        <translation>池中的工作单元数（笔记中为 4 个）。</translation>
    </message>
    <message>
        <source>Task time</source>
        <translation>任务时间</translation>
    </message>
    <message>
        <source>How long each task sleeps (the notes use 2000 ms).</source>
        <translation>每个任务睡眠的时长（笔记中为 2000 毫秒）。</translation>
    </message>
    <message>
        <source>Callback time</source>
        <translation>回调时间</translation>
    </message>
    <message>
        <source>How long each callback computes after printing (the notes&apos; callback sleeps 2000 ms).</source>
        <translation>每个回调在打印之后计算的时长（笔记中的回调睡眠 2000 毫秒）。</translation>
    </message>
    <message>
        <source>Tasks to run (the notes use 500).</source>
        <translation>要运行的任务数（笔记中为 500 个）。</translation>
    </message>
    <message>
        <source>Work each task does after the notes&apos; small sum (the notes&apos; map example does none).</source>
        <translation>每个任务在笔记中那段小求和之后额外做的工作（笔记中的 map 示例没有额外工作）。</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作方式</translation>
    </message>
    <message>
        <source>What a task does for its task time: sleep (like time.sleep) or compute (CPU-bound).</source>
        <translation>任务在任务时间内做什么：睡眠（如 time.sleep）或计算（CPU 密集型）。</translation>
    </message>
    <message>
        <source>A pool of reused workers, or a fresh process for every task.</source>
        <translation>重复使用工作单元的池，或为每个任务新建一个进程。</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>调用方式</translation>
    </message>
    <message>
        <source>How tasks are submitted: map (all, then wait), apply (one at a time, waiting for each result) or apply_async (all, then close and join).</source>
        <translation>任务的提交方式：map（全部提交，然后等待）、apply（一次一个，逐个等待结果）或 apply_async（全部提交，然后 close 并 join）。</translation>
    </message>
    <message>
        <source>Producers</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>Workers that make items and put them into the queue.</source>
        <translation>生成条目并放入队列的工作单元个数。</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>Workers that get items from the queue and use them.</source>
        <translation>从队列取出条目并处理的工作单元个数。</translation>
    </message>
    <message>
        <source>Items per producer</source>
        <translation>每个生产者的条目数</translation>
    </message>
    <message>
        <source>How many items each producer makes.</source>
        <translation>每个生产者生成多少个条目。</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Most items the queue holds (Queue(maxsize)); a put into a full queue waits.</source>
        <translation>队列最多容纳的条目数（Queue(maxsize)）；向已满的队列 put 时会等待。</translation>
    </message>
    <message>
        <source>Produce time</source>
        <translation>生产时间</translation>
    </message>
    <message>
        <source>Time a producer takes to make one item.</source>
        <translation>生产者生成一个条目所用的时间。</translation>
    </message>
    <message>
        <source>Consume time</source>
        <translation>消费时间</translation>
    </message>
    <message>
        <source>Time a consumer takes to use one item.</source>
        <translation>消费者处理一个条目所用的时间。</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>A plain queue, or a joinable one whose consumers call task_done() and whose join() waits until every item is done.</source>
        <translation>普通队列，或可 join 的队列：其消费者调用 task_done()，其 join() 会一直等到所有条目都处理完毕。</translation>
    </message>
    <message>
        <source>Consumers end by</source>
        <translation>消费者结束方式</translation>
    </message>
    <message>
        <source>sentinel: the main process puts one None per consumer. daemon: the main process ends the consumers (after q.join() with a joinable queue).</source>
        <translation>sentinel：主进程为每个消费者放入一个 None。daemon：由主进程结束消费者（使用可 join 的队列时，在 q.join() 之后）。</translation>
    </message>
    <message>
        <source>Run producers and consumers as processes or as threads.</source>
        <translation>生产者和消费者以进程还是线程运行。</translation>
    </message>
    <message>
        <source>Run the buyers as processes, as threads, or as tasks of a process pool.</source>
        <translation>抢票者以进程、线程还是进程池任务的形式运行。</translation>
    </message>
    <message>
        <source>Worker processes when the buyers run in a pool (the notes use 5).</source>
        <translation>抢票者在进程池中运行时的工作进程数（笔记中为 5 个）。</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>switch: greenlet-style explicit switches. generator: producer and consumers over yield. event-loop: two tasks sleeping at once. sync-vs-async: the same waits one after another, then together. many: thousands of coroutines on one thread.</source>
        <translation>switch：greenlet 式的显式切换。generator：通过 yield 协作的生产者和消费者。event-loop：两个任务同时睡眠。sync-vs-async：同样的等待先逐个进行，再一起进行。many：同一个线程上运行成千上万个协程。</translation>
    </message>
    <message>
        <source>First sleep</source>
        <translation>首次睡眠</translation>
    </message>
    <message>
        <source>event-loop: func1 sleeps this long, func2 twice as long (1 s and 2 s in the notes).</source>
        <translation>event-loop：func1 睡眠这么久，func2 睡眠两倍时长（笔记中为 1 秒和 2 秒）。</translation>
    </message>
    <message>
        <source>sync-vs-async: how many waits.</source>
        <translation>sync-vs-async：等待的次数。</translation>
    </message>
    <message>
        <source>Wait per task</source>
        <translation>每个任务的等待时间</translation>
    </message>
    <message>
        <source>sync-vs-async and many: how long each coroutine sleeps (0.5 s in the notes).</source>
        <translation>sync-vs-async 和 many：每个协程睡眠的时长（笔记中为 0.5 秒）。</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>generator: baozi the producer sends to each consumer.</source>
        <translation>generator：生产者发给每个消费者的包子数。</translation>
    </message>
    <message>
        <source>Coroutines</source>
        <translation>协程数</translation>
    </message>
    <message>
        <source>many: how many coroutines run on the one thread.</source>
        <translation>many：在这一个线程上运行多少个协程。</translation>
    </message>
    <message>
        <source>Server model</source>
        <translation>服务器模型</translation>
    </message>
    <message>
        <source>thread-per-connection: a thread per client. process-per-connection: a forked process per client. event-loop: one thread with epoll and a coroutine per client.</source>
        <translation>thread-per-connection：每个客户端一个线程。process-per-connection：每个客户端一个 fork 出的进程。event-loop：一个线程，使用 epoll，每个客户端一个协程。</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户端数</translation>
    </message>
    <message>
        <source>Client connections, all open at the same time.</source>
        <translation>客户端连接数，所有连接同时打开。</translation>
    </message>
    <message>
        <source>Messages per client</source>
        <translation>每个客户端的消息数</translation>
    </message>
    <message>
        <source>Messages each client sends and waits to get back.</source>
        <translation>每个客户端发送并等待取回的消息数。</translation>
    </message>
    <message>
        <source>Message size</source>
        <translation>消息大小</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Bytes in each message.</source>
        <translation>每条消息的字节数。</translation>
    </message>
    <message>
        <source>How long a client waits between two messages.</source>
        <translation>客户端在两条消息之间等待的时长。</translation>
    </message>
    <message>
        <source>Requests made</source>
        <translation>请求方式</translation>
    </message>
    <message>
        <source>sequential: one after another. threads: a thread per request. coroutines: a coroutine per request on one event loop.</source>
        <translation>sequential：逐个请求。threads：每个请求一个线程。coroutines：每个请求一个协程，运行在同一个事件循环上。</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>How many URLs to fetch.</source>
        <translation>要抓取的 URL 个数。</translation>
    </message>
    <message>
        <source>Server latency</source>
        <translation>服务器延迟</translation>
    </message>
    <message>
        <source>How long the server waits before it answers a request.</source>
        <translation>服务器在响应请求前等待的时长。</translation>
    </message>
    <message>
        <source>Latency step</source>
        <translation>延迟步长</translation>
    </message>
    <message>
        <source>Request i waits this much more than request i − 1, so the latencies differ.</source>
        <translation>第 i 个请求比第 i − 1 个多等待这么久，使各请求的延迟各不相同。</translation>
    </message>
    <message>
        <source>Daemon children</source>
        <translation>守护子进程</translation>
    </message>
    <message>
        <source>Daemon children are terminated when the main code ends.</source>
        <translation>主代码结束时，守护子进程会被终止。</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>等待（join）</translation>
    </message>
    <message>
        <source>The main process waits for both children before going on.</source>
        <translation>主进程先等待两个子进程结束，再继续执行。</translation>
    </message>
    <message>
        <source>Child works</source>
        <translation>子进程工作时长</translation>
    </message>
    <message>
        <source>How long each child (and each of its threads) works.</source>
        <translation>每个子进程（及其每个线程）工作的时长。</translation>
    </message>
    <message>
        <source>Main code runs</source>
        <translation>主代码运行时长</translation>
    </message>
    <message>
        <source>Without join: when the main process&apos;s own code ends.</source>
        <translation>不 join 时：主进程自身代码结束的时间。</translation>
    </message>
    <message>
        <source>Terminate child-2 after</source>
        <translation>多久后终止 child-2</translation>
    </message>
    <message>
        <source>Send SIGTERM to child-2 this long after the start; 0: never.</source>
        <translation>在开始后这么久向 child-2 发送 SIGTERM；0：从不。</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>退出码</translation>
    </message>
    <message>
        <source>child-1&apos;s exit code (sys.exit(N)).</source>
        <translation>child-1 的退出码（sys.exit(N)）。</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>信号</translation>
    </message>
    <message>
        <source>child-1 ends by this signal instead (9 = SIGKILL, 15 = SIGTERM); 0: none.</source>
        <translation>改为让 child-1 被这个信号结束（9 = SIGKILL，15 = SIGTERM）；0：不使用。</translation>
    </message>
    <message>
        <source>Threads per child</source>
        <translation>每个子进程的线程数</translation>
    </message>
    <message>
        <source>Extra threads each child starts.</source>
        <translation>每个子进程额外启动的线程数。</translation>
    </message>
    <message>
        <source>fork (a copy of the app)</source>
        <translation>fork（复制本程序）</translation>
    </message>
    <message>
        <source>spawn (a fresh worker program)</source>
        <translation>spawn（全新的工作程序）</translation>
    </message>
    <message>
        <source>fork server</source>
        <translation>forkserver</translation>
    </message>
    <message>
        <source>start latency</source>
        <translation>启动延迟</translation>
    </message>
    <message>
        <source>isolation (a global)</source>
        <translation>隔离性（全局变量）</translation>
    </message>
    <message>
        <source>a lock inherited locked</source>
        <translation>继承时已锁住的锁</translation>
    </message>
    <message>
        <source>a buffered write flushed twice</source>
        <translation>缓冲写入被刷新两次</translation>
    </message>
    <message>
        <source>zombie</source>
        <translation>僵尸进程</translation>
    </message>
    <message>
        <source>orphan</source>
        <translation>孤儿进程</translation>
    </message>
    <message>
        <source>manager (server process)</source>
        <translation>Manager（服务进程）</translation>
    </message>
    <message>
        <source>Value (shared memory)</source>
        <translation>Value（共享内存）</translation>
    </message>
    <message>
        <source>Array (shared memory)</source>
        <translation>Array（共享内存）</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>Messages the parent sends; the child answers each.</source>
        <translation>父进程发送的消息数；子进程逐条回复。</translation>
    </message>
    <message>
        <source>Reply time</source>
        <translation>回复时间</translation>
    </message>
    <message>
        <source>How long the child takes to answer a message (the notes sleep 1000 ms).</source>
        <translation>子进程回复一条消息所需的时间（笔记中睡眠 1000 毫秒）。</translation>
    </message>
    <message>
        <source>Duplex</source>
        <translation>双工</translation>
    </message>
    <message>
        <source>On: one pipe, both ends send and receive. Off: one-way pipes, one each way.</source>
        <translation>开启：一条管道，两端都能收发。关闭：单向管道，每个方向一条。</translation>
    </message>
    <message>
        <source>Worker processes updating the shared number (the notes use 100).</source>
        <translation>更新共享数字的工作进程数（笔记中为 100 个）。</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>更新次数</translation>
    </message>
    <message>
        <source>Times each worker adds 1.</source>
        <translation>每个工作单元加 1 的次数。</translation>
    </message>
    <message>
        <source>Shared through</source>
        <translation>共享方式</translation>
    </message>
    <message>
        <source>A Value or an Array in shared memory, or a Value in a manager&apos;s server process.</source>
        <translation>共享内存中的 Value 或 Array，或 Manager 服务进程中的 Value。</translation>
    </message>
    <message>
        <source>Hold the lock around each read and write (get_lock(), or the manager&apos;s Lock()).</source>
        <translation>每次读和写都持有锁（get_lock()，或 Manager 的 Lock()）。</translation>
    </message>
    <message>
        <source>Start method</source>
        <translation>启动方式</translation>
    </message>
    <message>
        <source>How the children start: a copy of the app (fork), a fresh worker program (spawn) or a copy of the fork server (forkserver).</source>
        <translation>子进程的启动方式：复制本程序（fork）、全新的工作程序（spawn），或复制 forkserver 进程（forkserver）。</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>子进程数</translation>
    </message>
    <message>
        <source>Child processes to start, one after another.</source>
        <translation>要依次启动的子进程数。</translation>
    </message>
    <message>
        <source>What the children do: nothing (latency), change a global (isolation), take a lock the parent holds (inherited-lock), or write to a file with the parent&apos;s unflushed line in its buffer (double-flush).</source>
        <translation>子进程做什么：什么都不做（latency）、修改一个全局变量（isolation）、获取父进程持有的锁（inherited-lock），或在缓冲区里留有父进程尚未刷新的一行时写文件（double-flush）。</translation>
    </message>
    <message>
        <source>Acquire timeout</source>
        <translation>获取超时</translation>
    </message>
    <message>
        <source>inherited-lock: how long a child waits for the lock before giving up.</source>
        <translation>inherited-lock：子进程等待锁多久后放弃。</translation>
    </message>
    <message>
        <source>Where the count lives: a text file (as in the notes), shared memory, or a dict in a manager&apos;s server process (every read and write a round trip to it).</source>
        <translation>计数存放在哪里：文本文件（与笔记相同）、共享内存，或 Manager 服务进程中的 dict（每次读写都要与它往返通信一次）。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>情形</translation>
    </message>
    <message>
        <source>zombie: the parent reaps its ended child late. orphan: the parent ends first.</source>
        <translation>zombie：父进程很晚才回收已结束的子进程。orphan：父进程先结束。</translation>
    </message>
    <message>
        <source>How long the child runs (for an orphan: after its parent ended).</source>
        <translation>子进程运行的时长（孤儿进程：从父进程结束后算起）。</translation>
    </message>
    <message>
        <source>Reap after</source>
        <translation>多久后回收</translation>
    </message>
    <message>
        <source>zombie: how long after the child ended its parent calls wait().</source>
        <translation>zombie：子进程结束后，父进程过多久才调用 wait()。</translation>
    </message>
    <message>
        <source>Parent exits after</source>
        <translation>父进程多久后退出</translation>
    </message>
    <message>
        <source>orphan: how long after starting the child its parent ends.</source>
        <translation>orphan：父进程在启动子进程后过多久结束。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::PipeLesson</name>
    <message>
        <source>Pipe conversation (parent ↔ child)</source>
        <translation>管道对话（父进程 ↔ 子进程）</translation>
    </message>
    <message>
        <source>Sharing data</source>
        <translation>数据共享</translation>
    </message>
    <message>
        <source>&lt;p&gt;The parent and one child process talk over &lt;tt&gt;multiprocessing.Pipe()&lt;/tt&gt;: the parent sends &quot;message 1&quot;, &quot;message 2&quot;, …; the child &lt;b&gt;receives&lt;/b&gt; each one, takes &lt;i&gt;reply time&lt;/i&gt; to answer, and sends a reply back. The parent waits for each reply before it sends the next.&lt;/p&gt;&lt;p&gt;A &lt;tt&gt;recv()&lt;/tt&gt; with nothing to read blocks: that wait is the grey &quot;sleep / I/O&quot; span on the pipe. Every message is an arrow from the sender to the receiver, so the conversation reads as a zig-zag between the two rows.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Duplex on&lt;/b&gt;: one pipe whose two ends both send and receive (a socket pair). &lt;b&gt;Duplex off&lt;/b&gt;: &lt;tt&gt;Pipe(duplex=False)&lt;/tt&gt; gives a reading end and a writing end only, so a conversation needs two pipes, one each way (two real &lt;tt&gt;pipe(2)&lt;/tt&gt;s).&lt;/p&gt;&lt;p&gt;The verdict checks that the child received every message once and in order, and gives the median round trip the parent measured.&lt;/p&gt;</source>
        <translation>&lt;p&gt;父进程和一个子进程通过 &lt;tt&gt;multiprocessing.Pipe()&lt;/tt&gt; 对话：父进程发送 &quot;message 1&quot;、&quot;message 2&quot;、…；子进程&lt;b&gt;接收&lt;/b&gt;每一条，花 &lt;i&gt;reply time&lt;/i&gt; 作答，再发回一条回复。父进程收到每条回复后才发送下一条。&lt;/p&gt;&lt;p&gt;没有数据可读时，&lt;tt&gt;recv()&lt;/tt&gt; 会阻塞：这段等待就是管道上灰色的“睡眠 / I/O”区段。每条消息都是一支从发送方指向接收方的箭头，因此整个对话在两行之间呈锯齿状。&lt;/p&gt;&lt;p&gt;&lt;b&gt;双工开启&lt;/b&gt;：一条管道，两端都能收发（一对套接字）。&lt;b&gt;双工关闭&lt;/b&gt;：&lt;tt&gt;Pipe(duplex=False)&lt;/tt&gt; 只提供一个读端和一个写端，所以对话需要两条管道，每个方向一条（两个真正的 &lt;tt&gt;pipe(2)&lt;/tt&gt;）。&lt;/p&gt;&lt;p&gt;结论检查子进程是否按顺序、不重复地收到了每条消息，并给出父进程测得的往返时间中位数。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not create the pipe: %1</source>
        <translation>无法创建管道：%1</translation>
    </message>
    <message>
        <source>could not set up the pipe lesson in shared memory</source>
        <translation>无法在共享内存中设置管道课程</translation>
    </message>
    <message>
        <source>the child process (pid %1) did not take its end of the pipe</source>
        <translation>子进程（pid %1）没有接管它那一端的管道</translation>
    </message>
    <message>
        <source>could not start the child: %1</source>
        <translation>无法启动子进程：%1</translation>
    </message>
    <message>
        <source>the conversation broke off after %1 message(s): %2</source>
        <translation>对话在 %1 条消息后中断：%2</translation>
    </message>
    <message>
        <source>messages sent</source>
        <translation>已发送的消息数</translation>
    </message>
    <message>
        <source>messages received by the child</source>
        <translation>子进程收到的消息数</translation>
    </message>
    <message>
        <source>replies received by the parent</source>
        <translation>父进程收到的回复数</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>乱序数</translation>
    </message>
    <message>
        <source>median round trip (µs)</source>
        <translation>往返时间中位数 (µs)</translation>
    </message>
    <message>
        <source>Every message arrived once and in order: %1 sent, %1 received, %2 replies; median round trip %3 ms (of which %4 ms is the child&apos;s reply time).</source>
        <translation>每条消息都按顺序到达且只到达一次：发送 %1 条，收到 %1 条，回复 %2 条；往返时间中位数 %3 ms（其中 %4 ms 是子进程的回复时间）。</translation>
    </message>
    <message>
        <source>%1 of %2 messages sent, %3 received by the child, %4 replies in order.</source>
        <translation>发送了 %2 条消息中的 %1 条，子进程收到 %3 条，按顺序的回复 %4 条。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::PoolCallbacks</name>
    <message>
        <source>Pool callbacks: thread pool vs process pool</source>
        <translation>池回调：线程池与进程池对比</translation>
    </message>
    <message>
        <source>Pools</source>
        <translation>进程池与线程池</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every task is submitted with &lt;b&gt;apply_async&lt;/b&gt; (Python: &lt;code&gt;submit()&lt;/code&gt; plus &lt;code&gt;add_done_callback(done)&lt;/code&gt;); when it finishes, &lt;code&gt;done&lt;/code&gt; runs with its result. The question is &lt;i&gt;where&lt;/i&gt; it runs.&lt;/p&gt;&lt;p&gt;With a &lt;b&gt;process pool&lt;/b&gt;, the result has to travel back to the main process: follow the arrows from each task&apos;s end on a &quot;pool worker&quot; row to the row called &lt;b&gt;result handler&lt;/b&gt;, a thread of the main process. Every callback (a green span labelled &quot;callback N&quot;) runs there, one after another, whichever worker ran the task.&lt;/p&gt;&lt;p&gt;With a &lt;b&gt;thread pool&lt;/b&gt;, the worker thread that ran the task runs the callback itself, right after the task, on its own row. There is no result handler.&lt;/p&gt;&lt;p&gt;Tasks sleep (grey), callbacks compute (green), so the two are easy to tell apart.&lt;/p&gt;&lt;p&gt;The console shows the PID and TID each callback printed; the verdict counts them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每个任务都用 &lt;b&gt;apply_async&lt;/b&gt; 提交（Python 中为 &lt;code&gt;submit()&lt;/code&gt; 加 &lt;code&gt;add_done_callback(done)&lt;/code&gt;）；任务完成后，&lt;code&gt;done&lt;/code&gt; 会带着它的结果运行。问题在于它在&lt;i&gt;哪里&lt;/i&gt;运行。&lt;/p&gt;&lt;p&gt;使用&lt;b&gt;进程池&lt;/b&gt;时，结果必须传回主进程：沿着箭头，从每个任务在“pool worker”行上的结束处，找到名为 &lt;b&gt;result handler&lt;/b&gt;（结果处理）的那一行，它是主进程中的一个线程。每个回调（标着“callback N”的绿色区段）都在那里依次运行，无论任务由哪个工作单元执行。&lt;/p&gt;&lt;p&gt;使用&lt;b&gt;线程池&lt;/b&gt;时，执行任务的工作线程会在任务结束后立即在自己的行上运行回调，没有 result handler。&lt;/p&gt;&lt;p&gt;任务在睡眠（灰色），回调在计算（绿色），因此两者很容易区分。&lt;/p&gt;&lt;p&gt;控制台显示每个回调打印的 PID 和 TID；结论会对它们进行统计。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>callbacks run</source>
        <translation>已运行的回调</translation>
    </message>
    <message>
        <source>callbacks in the main process</source>
        <translation>在主进程中运行的回调</translation>
    </message>
    <message>
        <source>threads that ran callbacks</source>
        <translation>运行过回调的线程数</translation>
    </message>
    <message>
        <source>callbacks on the thread that ran the task</source>
        <translation>在执行该任务的线程上运行的回调</translation>
    </message>
    <message>
        <source>callbacks on the main thread</source>
        <translation>在主线程上运行的回调</translation>
    </message>
    <message>
        <source>Only %1 of %2 callbacks ran.</source>
        <translation>%2 个回调中只运行了 %1 个。</translation>
    </message>
    <message>
        <source>Thread pool: %1 of %2 callbacks ran on the worker thread that ran their task (%3 threads of the main process, PID %4); none needed a result handler.</source>
        <translation>线程池：%2 个回调中有 %1 个在执行其任务的工作线程上运行（主进程 PID %4 中的 %3 个线程）；都不需要 result handler。</translation>
    </message>
    <message>
        <source>Process pool: %1 of %2 callbacks ran in the main process (PID %3) on %4 thread, the result handler; %5 ran in a pool worker.</source>
        <translation>进程池：%2 个回调中有 %1 个在主进程（PID %3）的 %4 个线程上运行，即 result handler；%5 个在池工作进程中运行。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::PoolLesson</name>
    <message>
        <source>Process per task vs a process pool</source>
        <translation>每个任务一个进程与进程池对比</translation>
    </message>
    <message>
        <source>Pools</source>
        <translation>进程池与线程池</translation>
    </message>
    <message>
        <source>&lt;p&gt;The same tasks run two ways. &lt;b&gt;One process per task&lt;/b&gt; starts a fresh process for every task: the timeline grows one row per task, each with its own PID and its yellow &quot;starting&quot; span. &lt;b&gt;A pool&lt;/b&gt; starts &lt;i&gt;k&lt;/i&gt; worker processes once and reuses them: exactly &lt;i&gt;k&lt;/i&gt; rows labelled &quot;pool worker 1 · PID …&quot;, each picking up task after task. Each task is a span labelled with its index, green while it computes and grey while it sleeps.&lt;/p&gt;&lt;p&gt;How tasks are handed to the pool matters too. &lt;b&gt;map&lt;/b&gt; and &lt;b&gt;apply_async&lt;/b&gt; submit everything at once and up to &lt;i&gt;k&lt;/i&gt; tasks run together; &lt;b&gt;apply&lt;/b&gt; is synchronous: the main thread waits for each result before it submits the next task, so only one task runs at a time and the other workers wait on the empty task queue (light blue).&lt;/p&gt;&lt;p&gt;Results travel back through the &lt;b&gt;result handler&lt;/b&gt;, a thread of the main process; the arrows go from the end of each task to it. The wall time counts starting the workers, the tasks and joining them.&lt;/p&gt;&lt;p&gt;The notes&apos; func1 does almost nothing. With a task time of 0 the first workers to wake up may take every task before the others get a core: a pool shares out work, it does not promise every worker a turn. The preset &quot;As in the notes&quot; gives each task 5 ms.&lt;/p&gt;</source>
        <translation>&lt;p&gt;同样的任务用两种方式运行。&lt;b&gt;每个任务一个进程&lt;/b&gt;：为每个任务启动一个新进程，时间线上每个任务占一行，各有自己的 PID 和黄色的“启动中”区段。&lt;b&gt;进程池&lt;/b&gt;：只启动一次 &lt;i&gt;k&lt;/i&gt; 个工作进程并重复使用：正好 &lt;i&gt;k&lt;/i&gt; 行，标为“pool worker 1 · PID …”，每行一个接一个地领取任务。每个任务是一个标着序号的区段，计算时为绿色，睡眠时为灰色。&lt;/p&gt;&lt;p&gt;任务如何交给进程池也很重要。&lt;b&gt;map&lt;/b&gt; 和 &lt;b&gt;apply_async&lt;/b&gt; 一次提交全部任务，最多 &lt;i&gt;k&lt;/i&gt; 个任务同时运行；&lt;b&gt;apply&lt;/b&gt; 是同步的：主线程要等每个结果返回后才提交下一个任务，所以同一时刻只有一个任务在运行，其余工作单元在空的任务队列上等待（浅蓝色）。&lt;/p&gt;&lt;p&gt;结果通过 &lt;b&gt;result handler&lt;/b&gt;（结果处理）传回，它是主进程中的一个线程；箭头从每个任务的结束处指向它。总耗时包括启动工作单元、运行任务以及 join 它们的时间。&lt;/p&gt;&lt;p&gt;笔记中的 func1 几乎什么都不做。任务时间为 0 时，最先醒来的工作单元可能在其他工作单元得到核心之前就拿走所有任务：进程池负责分配工作，但不保证每个工作单元都轮得到。预设“与笔记相同”给每个任务 5 ms。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>tasks done</source>
        <translation>已完成任务</translation>
    </message>
    <message>
        <source>distinct worker PIDs</source>
        <translation>不同的工作进程 PID 数</translation>
    </message>
    <message>
        <source>most tasks running at once</source>
        <translation>同时运行的最多任务数</translation>
    </message>
    <message>
        <source>wall time (ms)</source>
        <translation>总耗时 (ms)</translation>
    </message>
    <message>
        <source>Only %1 of %2 tasks finished.</source>
        <translation>%2 个任务中只完成了 %1 个。</translation>
    </message>
    <message>
        <source>Each of the %1 tasks ran in a process of its own: %2 distinct PIDs, %3 ms in all.</source>
        <translation>%1 个任务各自在独立的进程中运行：共 %2 个不同的 PID，总计 %3 ms。</translation>
    </message>
    <message>
        <source>A pool of %1 ran all %2 tasks; %3 worker PIDs took part, each running about %4 tasks, in %5 ms.</source>
        <translation>大小为 %1 的进程池运行了全部 %2 个任务；共有 %3 个工作进程 PID 参与，每个约运行 %4 个任务，用时 %5 ms。</translation>
    </message>
    <message>
        <source>apply() is synchronous: the most tasks running at any moment was %1.</source>
        <translation>apply() 是同步的：任一时刻最多只有 %1 个任务在运行。</translation>
    </message>
    <message>
        <source>The most tasks running at the same moment was %1.</source>
        <translation>同一时刻最多有 %1 个任务在运行。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::PoolText</name>
    <message>
        <source>the pool could not start its workers: %1</source>
        <translation>池无法启动工作单元：%1</translation>
    </message>
    <message>
        <source>the pool could not start its workers (no room in shared memory)</source>
        <translation>池无法启动工作单元（共享内存空间不足）</translation>
    </message>
    <message>
        <source>the pool has no function named &quot;%1&quot;</source>
        <translation>池中没有名为“%1”的函数</translation>
    </message>
    <message>
        <source>the pool&apos;s task board is full</source>
        <translation>池的任务板已满</translation>
    </message>
    <message>
        <source>a task was submitted to a pool that is not running</source>
        <translation>向未运行的池提交了任务</translation>
    </message>
    <message>
        <source>was killed by signal %1 (%2)</source>
        <translation>被信号 %1（%2）终止</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>以退出码 %1 退出</translation>
    </message>
    <message>
        <source>pool worker %1 (PID %2) %3 while the pool was running; %4 task(s) were left unfinished and the pool was shut down (Python raises BrokenProcessPool here)</source>
        <translation>池工作进程 %1（PID %2）在池运行期间%3；%4 个任务未完成，池已关闭（此时 Python 会抛出 BrokenProcessPool）</translation>
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
    <message>
        <source>Serial, for comparison</source>
        <translation>串行，用于对比</translation>
    </message>
    <message>
        <source>As in the notes, one process per task</source>
        <translation>与笔记相同，每个任务一个进程</translation>
    </message>
    <message>
        <source>As in the notes: apply, one at a time</source>
        <translation>与笔记相同：apply，一次一个</translation>
    </message>
    <message>
        <source>Quick, slow producers</source>
        <translation>快速，生产者较慢</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::ProducerConsumer</name>
    <message>
        <source>Producer / consumer with a bounded queue</source>
        <translation>有界队列上的生产者 / 消费者</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>&lt;p&gt;Producers make items (&lt;i&gt;produce_ms&lt;/i&gt; each) and &lt;b&gt;put&lt;/b&gt; them into a queue that holds at most &lt;i&gt;capacity&lt;/i&gt; items; consumers &lt;b&gt;get&lt;/b&gt; them and use each one for &lt;i&gt;consume_ms&lt;/i&gt;. The queue is real shared memory between the workers, guarded by a lock that survives a killed worker.&lt;/p&gt;&lt;p&gt;On the timeline, every arrow goes from a put to the get that received that item. A producer that finds the queue full waits in a &lt;b&gt;queue full&lt;/b&gt; span; a consumer that finds it empty waits in a &lt;b&gt;queue empty&lt;/b&gt; span. The &lt;b&gt;queue depth&lt;/b&gt; chart under the timeline shows how many items are waiting, on the same time axis: it never goes above the capacity.&lt;/p&gt;&lt;p&gt;How the consumers end: with &lt;b&gt;a None per consumer&lt;/b&gt;, the main process puts one None after the producers are done, and each consumer leaves when it takes its own. With &lt;b&gt;daemon consumers&lt;/b&gt; and a &lt;b&gt;joinable&lt;/b&gt; queue, every consumer calls task_done() after each item, the main process waits in q.join() until all are done, then ends the consumers (processes are terminated, as Python does at exit; threads are told to return). With a plain queue there is nothing to join: the consumers are ended as soon as the producers are done, and what is still in the queue is lost.&lt;/p&gt;&lt;p&gt;The verdict checks, from what the consumers recorded, that every item was consumed exactly once and that the depth stayed within the capacity.&lt;/p&gt;</source>
        <translation>&lt;p&gt;生产者生成条目（每个耗时 &lt;i&gt;produce_ms&lt;/i&gt;），并把它们 &lt;b&gt;put&lt;/b&gt; 进一个最多容纳 &lt;i&gt;capacity&lt;/i&gt; 个条目的队列；消费者 &lt;b&gt;get&lt;/b&gt; 取出条目，每个处理 &lt;i&gt;consume_ms&lt;/i&gt;。这个队列是工作单元之间真正的共享内存，由一把在工作单元被终止后仍然可用的锁保护。&lt;/p&gt;&lt;p&gt;在时间线上，每个箭头都从一次 put 指向收到该条目的那次 get。发现队列已满的生产者会在&lt;b&gt;队列已满&lt;/b&gt;区段中等待；发现队列为空的消费者会在&lt;b&gt;队列为空&lt;/b&gt;区段中等待。时间线下方的&lt;b&gt;队列长度&lt;/b&gt;图表在同一时间轴上显示有多少条目在等待：它从不超过容量。&lt;/p&gt;&lt;p&gt;消费者如何结束：选择&lt;b&gt;每个消费者一个 None&lt;/b&gt; 时，主进程在生产者完成后为每个消费者放入一个 None，每个消费者取到属于自己的那个后退出。选择&lt;b&gt;守护消费者&lt;/b&gt;并使用&lt;b&gt;可 join&lt;/b&gt; 的队列时，每个消费者处理完每个条目后调用 task_done()，主进程在 q.join() 中等待全部完成，然后结束消费者（进程会被终止，就像 Python 退出时那样；线程则被通知返回）。使用普通队列时没有什么可以 join：生产者一完成，消费者就被结束，仍在队列中的条目就丢失了。&lt;/p&gt;&lt;p&gt;结论根据消费者记录的内容，检查每个条目是否恰好被消费一次，以及队列长度是否始终不超过容量。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the queue in shared memory</source>
        <translation>无法在共享内存中创建队列</translation>
    </message>
    <message>
        <source>could not start every worker</source>
        <translation>无法启动全部工作单元</translation>
    </message>
    <message>
        <source>Stopped before every worker had started.</source>
        <translation>在所有工作单元启动之前即被停止。</translation>
    </message>
    <message>
        <source>items to make</source>
        <translation>计划生产的条目</translation>
    </message>
    <message>
        <source>produced</source>
        <translation>已生产</translation>
    </message>
    <message>
        <source>consumed</source>
        <translation>已消费</translation>
    </message>
    <message>
        <source>consumed twice or more</source>
        <translation>被消费两次及以上</translation>
    </message>
    <message>
        <source>never consumed</source>
        <translation>从未被消费</translation>
    </message>
    <message>
        <source>largest queue depth</source>
        <translation>最大队列长度</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>puts that waited for room</source>
        <translation>等待空位的 put 次数</translation>
    </message>
    <message>
        <source>gets that waited for an item</source>
        <translation>等待条目的 get 次数</translation>
    </message>
    <message>
        <source>None sentinels taken</source>
        <translation>取到的 None 哨兵数</translation>
    </message>
    <message>
        <source>consumers that died</source>
        <translation>意外终止的消费者</translation>
    </message>
    <message>
        <source>Only %1 of %2 items were produced.</source>
        <translation>%2 个条目中只生产了 %1 个。</translation>
    </message>
    <message>
        <source>Items consumed more than once: %1.</source>
        <translation>被消费多次的条目：%1 个。</translation>
    </message>
    <message>
        <source>Items put but never consumed: %1. A consumer died with an item in hand.</source>
        <translation>已放入但从未被消费的条目：%1 个。有消费者在处理条目时终止了。</translation>
    </message>
    <message>
        <source>Items put but never consumed: %1. With a plain queue there is no join(): the daemon consumers were ended as soon as the producers were done. A joinable queue and q.join() wait for them.</source>
        <translation>已放入但从未被消费的条目：%1 个。普通队列没有 join()：生产者一完成，守护消费者就被结束了。使用可 join 的队列和 q.join() 才会等待它们处理完。</translation>
    </message>
    <message>
        <source>Items put but never consumed: %1.</source>
        <translation>已放入但从未被消费的条目：%1 个。</translation>
    </message>
    <message>
        <source>The queue held %1 items, above its capacity of %2.</source>
        <translation>队列中曾有 %1 个条目，超过了容量 %2。</translation>
    </message>
    <message>
        <source>%1 puts waited for room, %2 gets waited for an item.</source>
        <translation>%1 次 put 等待空位，%2 次 get 等待条目。</translation>
    </message>
    <message>
        <source>Consumers that died during the run: %1; the others took over.</source>
        <translation>运行中终止的消费者：%1 个；其余消费者接手了它们的工作。</translation>
    </message>
    <message>
        <source>Not every item was consumed exactly once. %1 %2</source>
        <translation>并非每个条目都恰好被消费一次。%1 %2</translation>
    </message>
    <message>
        <source>Every item was consumed exactly once: %1 items, and the queue never held more than %2 (capacity %3). %4</source>
        <translation>每个条目都恰好被消费一次：共 %1 个条目，队列中最多只有 %2 个（容量 %3）。%4</translation>
    </message>
    <message>
        <source>Each consumer left after taking its own None.</source>
        <translation>每个消费者都在取到属于自己的 None 后退出。</translation>
    </message>
    <message>
        <source>q.join() returned once every item was marked done; then the daemon consumers were ended.</source>
        <translation>所有条目都被标记为完成后，q.join() 返回；随后守护消费者被结束。</translation>
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
    <message>
        <source>killed by signal %1</source>
        <translation>被信号 %1 终止</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>退出码 %1</translation>
    </message>
    <message>
        <source>its exit status is unknown</source>
        <translation>退出状态未知</translation>
    </message>
    <message numerus="yes">
        <source>the fork server (pid %1) ended unexpectedly (%2); the run was stopped and its %n running worker process(es) were killed and reaped</source>
        <translation>
            <numerusform>forkserver 进程（pid %1）意外结束（%2）；本次运行已停止，其 %n 个正在运行的工作进程已被终止并回收</numerusform>
        </translation>
    </message>
    <message>
        <source>the fork server (pid %1) ended unexpectedly (%2); no worker process can be started until the application is restarted</source>
        <translation>forkserver 进程（pid %1）意外结束（%2）；在重新启动程序之前，无法再启动任何工作进程</translation>
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
    <message>
        <source>Concurrency Lab starts at most %1 processes per run</source>
        <translation>Concurrency Lab 每次运行最多启动 %1 个进程</translation>
    </message>
    <message>
        <source>your process limit (RLIMIT_NPROC) is %1 and you already run %2 processes and threads</source>
        <translation>你的进程数上限（RLIMIT_NPROC）为 %1，而你已在运行 %2 个进程和线程</translation>
    </message>
    <message>
        <source>the machine allows %1 processes and threads (pid_max, threads-max) and %2 are running</source>
        <translation>本机最多允许 %1 个进程和线程（pid_max、threads-max），目前已有 %2 个在运行</translation>
    </message>
    <message>
        <source>this session&apos;s control group allows %1 processes and threads (pids.max) and %2 are in use</source>
        <translation>当前会话的控制组（cgroup）最多允许 %1 个进程和线程（pids.max），目前已使用 %2 个</translation>
    </message>
    <message>
        <source>, keeping %1 free for the rest of the system</source>
        <translation>，另需为系统其余部分预留 %1 个</translation>
    </message>
    <message>
        <source>this run would start %1 worker processes, more than the safe limit of %2: %3. Use fewer workers, or run them as threads where the lesson offers it.</source>
        <translation>本次运行将启动 %1 个工作进程，超过了安全上限 %2：%3。请减少工作单元，或在该课程支持时改用线程运行。</translation>
    </message>
    <message>
        <source>CL_TRACE_ITEM_LIMIT must be a whole number from 1 to %1; got &quot;%2&quot;, so the default of %3 applies</source>
        <translation>CL_TRACE_ITEM_LIMIT 必须是从 1 到 %1 的整数；收到的是“%2”，因此使用默认值 %3</translation>
    </message>
    <message>
        <source>the spawn start method runs the worker program %1, which is missing or not executable; it is built and installed next to concurrency-lab (or set %2 to its path)</source>
        <translation>spawn 启动方式要运行工作程序 %1，但它不存在或不可执行；它会被构建并安装在 concurrency-lab 旁边（也可以把 %2 设为它的路径）</translation>
    </message>
    <message>
        <source>could not start a fork server: %1</source>
        <translation>无法启动 forkserver 进程：%1</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::SerialVsParallel</name>
    <message>
        <source>Serial vs threads vs processes (the GIL)</source>
        <translation>串行、多线程与多进程对比（GIL）</translation>
    </message>
    <message>
        <source>Processes and threads</source>
        <translation>进程与线程</translation>
    </message>
    <message>
        <source>&lt;p&gt;The same &lt;b&gt;jobs&lt;/b&gt; run four ways: &lt;b&gt;serial&lt;/b&gt; (the main thread runs them one after another), &lt;b&gt;threads&lt;/b&gt; (one thread per job, without a GIL, as in C or a free-threaded Python), &lt;b&gt;gil-threads&lt;/b&gt; (one thread per job under a model of CPython&apos;s GIL) and &lt;b&gt;processes&lt;/b&gt; (one process per job, each with its own interpreter and its own GIL). A CPU-bound job runs a loop calibrated on this machine, so that &lt;i&gt;work_ms&lt;/i&gt; is that much CPU time of one core in every mode; an I/O-bound job waits &lt;i&gt;work_ms&lt;/i&gt;, as a download does.&lt;/p&gt;&lt;p&gt;&lt;b&gt;gil-threads is a model of CPython&apos;s GIL, running on real threads&lt;/b&gt; (CPython itself is not involved): a thread must hold a per-process lock to compute; a thread that has waited one switch interval asks the holder to let go, and the holder hands it over; every thread releases it while it sleeps or waits for I/O.&lt;/p&gt;&lt;p&gt;On the timeline: green &lt;i&gt;running&lt;/i&gt; spans show who computes. With gil-threads at most one thread is green at any moment, the others wait for the GIL (orange), and the &lt;b&gt;GIL&lt;/b&gt; lane above the threads shows who holds it. With processes, the green spans overlap, one per core. I/O-bound jobs are grey &lt;i&gt;sleep&lt;/i&gt; spans, which overlap in every mode but serial. The CPU chart shows how many cores were busy.&lt;/p&gt;&lt;p&gt;The verdict compares CPU time with wall time: cores busy = CPU time / wall time (100% = one core fully used). The first CPU-bound run calibrates the loop: a short running span on the main thread.&lt;/p&gt;</source>
        <translation>&lt;p&gt;同样的&lt;b&gt;任务&lt;/b&gt;用四种方式运行：&lt;b&gt;serial&lt;/b&gt;（串行：主线程逐个运行）、&lt;b&gt;threads&lt;/b&gt;（多线程：每个任务一个线程，没有 GIL，就像 C 语言或自由线程版 Python）、&lt;b&gt;gil-threads&lt;/b&gt;（带 GIL 的线程：每个任务一个线程，受 CPython GIL 的模型约束）和 &lt;b&gt;processes&lt;/b&gt;（多进程：每个任务一个进程，各自拥有自己的解释器和 GIL）。CPU 密集型任务运行一个在本机上校准过的循环，因此在每种模式下，&lt;i&gt;work_ms&lt;/i&gt; 都等于单个核心同样多的 CPU 时间；I/O 密集型任务则像下载那样等待 &lt;i&gt;work_ms&lt;/i&gt;。&lt;/p&gt;&lt;p&gt;&lt;b&gt;gil-threads 是在真实线程上运行的 CPython GIL 模型&lt;/b&gt;（并不涉及 CPython 本身）：线程必须持有一把进程级的锁才能计算；等待满一个切换间隔的线程会请求持有者释放，持有者随即把锁交给它；每个线程在睡眠或等待 I/O 时都会释放这把锁。&lt;/p&gt;&lt;p&gt;在时间线上，绿色的&lt;i&gt;运行中&lt;/i&gt;区段表示谁在计算。gil-threads 模式下，任意时刻最多只有一个线程是绿色的，其他线程在等待 GIL（橙色），线程上方的 &lt;b&gt;GIL&lt;/b&gt; 泳道显示谁持有它。processes 模式下，绿色区段相互重叠，每个核心一段。I/O 密集型任务显示为灰色的&lt;i&gt;睡眠&lt;/i&gt;区段，除 serial 外，在所有模式下都会重叠。CPU 图表显示有多少个核心在忙。&lt;/p&gt;&lt;p&gt;结论比较 CPU 时间和总耗时：忙碌核心 = CPU 时间 / 总耗时（100% = 占满一个核心）。第一次 CPU 密集型运行会先校准循环：主线程上会出现一小段运行区段。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the jobs&apos; results</source>
        <translation>无法创建存放任务结果的共享区域</translation>
    </message>
    <message>
        <source>could not set up the GIL model</source>
        <translation>无法创建 GIL 模型</translation>
    </message>
    <message>
        <source>wall time (ms)</source>
        <translation>总耗时 (ms)</translation>
    </message>
    <message>
        <source>CPU time (ms)</source>
        <translation>CPU 时间 (ms)</translation>
    </message>
    <message>
        <source>cores busy (%, 100 = one core)</source>
        <translation>忙碌核心（%，100 = 一个核心）</translation>
    </message>
    <message>
        <source>one after another (ms, jobs × work)</source>
        <translation>逐个运行耗时（ms，任务数 × 工作量）</translation>
    </message>
    <message>
        <source>speed-up (%, 100 = as serial)</source>
        <translation>加速比（%，100 = 与串行相同）</translation>
    </message>
    <message>
        <source>jobs done</source>
        <translation>已完成任务</translation>
    </message>
    <message>
        <source>ready but waiting for a core (ms)</source>
        <translation>就绪但等待核心 (ms)</translation>
    </message>
    <message>
        <source>loop iterations per ms of CPU</source>
        <translation>每毫秒 CPU 时间的循环次数</translation>
    </message>
    <message>
        <source>GIL hand-overs</source>
        <translation>GIL 交接次数</translation>
    </message>
    <message>
        <source>time waiting for the GIL (ms)</source>
        <translation>等待 GIL 的时间 (ms)</translation>
    </message>
    <message>
        <source>Only %1 of %2 jobs finished: a worker ended early, so the times cover part of the work.</source>
        <translation>%2 个任务中只完成了 %1 个：有工作单元提前结束，所以这些时间只涵盖部分工作。</translation>
    </message>
    <message>
        <source>serial: the %1 waits ran one after another and took %2 ms; the CPU was idle meanwhile (%3 cores busy).</source>
        <translation>串行：%1 次等待逐个进行，用时 %2 ms；其间 CPU 处于空闲（忙碌核心 %3 个）。</translation>
    </message>
    <message>
        <source>serial: one thread ran the %1 jobs one after another in %2 ms and kept %3 cores busy. This is the baseline for the other modes.</source>
        <translation>串行：一个线程逐个运行了 %1 个任务，用时 %2 ms，忙碌核心 %3 个。这是其他模式的比较基准。</translation>
    </message>
    <message>
        <source>%1: the %2 waits overlapped and took %3 ms instead of %4 ms one after another (%5× faster), while the CPU stayed almost idle (%6 cores busy).</source>
        <translation>%1：%2 次等待相互重叠，用时 %3 ms，而逐个进行需要 %4 ms（快 %5×），同时 CPU 几乎一直空闲（忙碌核心 %6 个）。</translation>
    </message>
    <message>
        <source>Each thread released the GIL while it waited, as CPython does around blocking I/O.</source>
        <translation>每个线程在等待时都释放了 GIL，就像 CPython 在阻塞 I/O 期间所做的那样。</translation>
    </message>
    <message>
        <source>gil-threads kept %1 cores busy: the GIL let one thread compute at a time, so the %2 threads took %3 ms, no faster than one after another (%4 ms). The GIL changed hands %5 times.</source>
        <translation>带 GIL 的线程（gil-threads）只让 %1 个核心忙碌：GIL 每次只允许一个线程计算，所以 %2 个线程用时 %3 ms，并不比逐个运行（%4 ms）快。GIL 共交接了 %5 次。</translation>
    </message>
    <message>
        <source>%1 used %2 cores (this machine has %3): the jobs computed side by side and took %4 ms; one after another they take %5 ms.</source>
        <translation>%1 用了 %2 个核心（本机共有 %3 个）：各任务并行计算，用时 %4 ms；逐个运行则需要 %5 ms。</translation>
    </message>
    <message>
        <source>That is %1× faster.</source>
        <translation>即快了 %1×。</translation>
    </message>
    <message>
        <source>Each process has its own interpreter and its own GIL.</source>
        <translation>每个进程都有自己的解释器和自己的 GIL。</translation>
    </message>
    <message>
        <source>The machine was busy: the workers were ready but waited %1 ms in total for a free core.</source>
        <translation>机器负载较高：工作单元已经就绪，但总共等待了 %1 ms 才等到空闲核心。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::SharedVsManager</name>
    <message>
        <source>Shared memory vs a manager process</source>
        <translation>共享内存与 Manager 服务进程对比</translation>
    </message>
    <message>
        <source>Sharing data</source>
        <translation>数据共享</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every worker process adds 1 to a shared number, &lt;i&gt;updates&lt;/i&gt; times: &lt;tt&gt;x += 1&lt;/tt&gt;, a read and then a write.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Value&lt;/b&gt; and &lt;b&gt;Array&lt;/b&gt; live in shared memory that every worker maps: a read or a write is a plain memory access, a few nanoseconds. Without their lock (&lt;tt&gt;lock=False&lt;/tt&gt;), two workers can read the same number and one update is lost; with it (&lt;tt&gt;with v.get_lock():&lt;/tt&gt;) none is, at the price of the red waits.&lt;/p&gt;&lt;p&gt;With the &lt;b&gt;manager&lt;/b&gt;, the number lives in another process, the manager, and every access is a round trip over a socket to it: its own row shows each request it serves (green), the arrows go there and back. The same update costs tens of microseconds instead of nanoseconds; &lt;i&gt;us_per_update&lt;/i&gt; shows the difference. A manager&apos;s &lt;tt&gt;Value&lt;/tt&gt; is no safer than shared memory: &lt;tt&gt;v.value += 1&lt;/tt&gt; is still a read and a write, and only the manager&apos;s &lt;tt&gt;Lock()&lt;/tt&gt; keeps updates from being lost.&lt;/p&gt;&lt;p&gt;The verdict compares the updates the workers made with the final value.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每个工作进程都给一个共享数字加 1，共 &lt;i&gt;updates&lt;/i&gt; 次：&lt;tt&gt;x += 1&lt;/tt&gt;，即先读取、再写入。&lt;/p&gt;&lt;p&gt;&lt;b&gt;Value&lt;/b&gt; 和 &lt;b&gt;Array&lt;/b&gt; 位于每个工作进程都映射了的共享内存中：一次读取或写入就是一次普通的内存访问，只需几纳秒。不用它们的锁（&lt;tt&gt;lock=False&lt;/tt&gt;）时，两个工作进程可能读到同一个数，其中一次更新就丢失了；用了锁（&lt;tt&gt;with v.get_lock():&lt;/tt&gt;）就不会丢失，代价是红色的等待区段。&lt;/p&gt;&lt;p&gt;使用 &lt;b&gt;manager&lt;/b&gt; 时，这个数字存放在另一个进程——Manager 服务进程——中，每次访问都要通过 socket 与它往返一次：它自己的那一行显示它处理的每个请求（绿色），箭头一去一回。同样的更新要花几十微秒，而不是几纳秒；&lt;i&gt;us_per_update&lt;/i&gt; 显示了这一差别。Manager 的 &lt;tt&gt;Value&lt;/tt&gt; 并不比共享内存更安全：&lt;tt&gt;v.value += 1&lt;/tt&gt; 仍然是一次读取加一次写入，只有 Manager 的 &lt;tt&gt;Lock()&lt;/tt&gt; 才能防止更新丢失。&lt;/p&gt;&lt;p&gt;结论把工作进程完成的更新次数与最终值做比较。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the shared value</source>
        <translation>无法创建共享值</translation>
    </message>
    <message>
        <source>could not create the proxied objects in the manager process (pid %1)</source>
        <translation>无法在 Manager 服务进程（pid %1）中创建代理对象</translation>
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
        <source>µs per update</source>
        <translation>每次更新耗时 (µs)</translation>
    </message>
    <message>
        <source>ns per update</source>
        <translation>每次更新耗时 (ns)</translation>
    </message>
    <message>
        <source>manager PID</source>
        <translation>Manager 进程 PID</translation>
    </message>
    <message>
        <source>workers in the manager&apos;s list</source>
        <translation>Manager 列表中的工作单元数</translation>
    </message>
    <message>
        <source>The final value could not be read from the manager, so lost updates were not counted.</source>
        <translation>无法从 Manager 读取最终值，因此未统计丢失的更新。</translation>
    </message>
    <message>
        <source>One update took %1 ns on average.</source>
        <translation>平均每次更新耗时 %1 ns。</translation>
    </message>
    <message>
        <source>One update took %1 µs on average.</source>
        <translation>平均每次更新耗时 %1 µs。</translation>
    </message>
    <message>
        <source>One update took %1 ms on average, waits included.</source>
        <translation>平均每次更新耗时 %1 ms（含等待时间）。</translation>
    </message>
    <message>
        <source>Lost updates: %1. Expected %2, but the value ended at %3.</source>
        <translation>丢失了 %1 次更新：预期为 %2，但值最终是 %3。</translation>
    </message>
    <message>
        <source>Exact: the value ended at %1, as expected.</source>
        <translation>结果准确：值最终是 %1，与预期一致。</translation>
    </message>
    <message>
        <source>%1 of the %2 planned updates were never made (a worker was stopped or cut off first); they do not count as lost.</source>
        <translation>计划的 %2 次更新中有 %1 次没有执行（有工作单元先被停止或被切断）；这些不算作丢失的更新。</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::StartMethods</name>
    <message>
        <source>Start methods: fork, spawn, fork server</source>
        <translation>启动方式：fork、spawn、forkserver</translation>
    </message>
    <message>
        <source>Processes and threads</source>
        <translation>进程与线程</translation>
    </message>
    <message>
        <source>&lt;p&gt;A child process can start in three ways. &lt;b&gt;fork&lt;/b&gt; copies the parent: its memory, its open files with their buffers, even its locks, and the child runs at once. &lt;b&gt;spawn&lt;/b&gt; starts a fresh program (here the worker program &lt;i&gt;cl-worker&lt;/i&gt;, as Python starts a new interpreter that imports the module again) that finds its task by name and gets only its arguments. The &lt;b&gt;fork server&lt;/b&gt; is a small process started with the app, before anything else, that forks the children on request: they are copies of that clean process, not of the parent.&lt;/p&gt;&lt;p&gt;The &lt;i&gt;starting&lt;/i&gt; span of each child runs from the parent&apos;s request to the first instruction of its task: spawn, which loads a program, is visibly the slowest.&lt;/p&gt;&lt;p&gt;The demos: &lt;b&gt;isolation&lt;/b&gt; — the parent sets a global to 1 and each child adds 123 to its own copy; the parent&apos;s value does not change. A spawned child finds the program&apos;s initial 0. &lt;b&gt;inherited-lock&lt;/b&gt; — the parent&apos;s thread holds a lock while the children start; a forked child&apos;s copy of the lock is held by a thread that does not exist in the child, so its acquire waits until the timeout (a long red wait). &lt;b&gt;double-flush&lt;/b&gt; — the parent writes a line into a buffered file and starts the children before flushing it: every forked child flushes its copy of that buffer, so the line appears once per child, and once more from the parent.&lt;/p&gt;</source>
        <translation>&lt;p&gt;子进程有三种启动方式。&lt;b&gt;fork&lt;/b&gt; 复制父进程：它的内存、打开的文件及其缓冲区，甚至它的锁，子进程随即开始运行。&lt;b&gt;spawn&lt;/b&gt; 启动一个全新的程序（这里是工作程序 &lt;i&gt;cl-worker&lt;/i&gt;，就像 Python 启动一个新的解释器并重新导入模块），它按名字找到自己的任务，只拿到任务的参数。&lt;b&gt;forkserver&lt;/b&gt; 是随本程序最先启动的一个小进程，按请求 fork 出子进程：子进程是这个干净进程的副本，而不是父进程的副本。&lt;/p&gt;&lt;p&gt;每个子进程的&lt;i&gt;启动中&lt;/i&gt;区段从父进程发出请求开始，到其任务的第一条指令为止：需要加载程序的 spawn 明显最慢。&lt;/p&gt;&lt;p&gt;演示：&lt;b&gt;isolation&lt;/b&gt;——父进程把一个全局变量设为 1，每个子进程给自己的副本加 123；父进程的值不变。spawn 出的子进程读到的是程序的初始值 0。&lt;b&gt;inherited-lock&lt;/b&gt;——子进程启动时，父进程的一个线程正持有一把锁；fork 出的子进程中，这把锁的副本由一个在子进程里并不存在的线程持有，因此它的 acquire 会一直等到超时（一段很长的红色等待）。&lt;b&gt;double-flush&lt;/b&gt;——父进程向一个带缓冲的文件写入一行，还没 flush 就启动了子进程：每个 fork 出的子进程都会 flush 自己那份缓冲区副本，于是这一行每个子进程各出现一次，父进程再出现一次。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the children&apos;s results</source>
        <translation>无法创建存放子进程结果的共享区域</translation>
    </message>
    <message>
        <source>could not create a temporary file for the demo</source>
        <translation>无法为演示创建临时文件</translation>
    </message>
    <message>
        <source>start latency, median (µs)</source>
        <translation>启动延迟，中位数 (µs)</translation>
    </message>
    <message>
        <source>start latency, max (µs)</source>
        <translation>启动延迟，最大值 (µs)</translation>
    </message>
    <message>
        <source>With %1, %2 children started in %3 µs (median), at most %4 µs, from the request to the first instruction of their task.</source>
        <translation>使用 %1 时，%2 个子进程从请求到执行其任务第一条指令的启动延迟中位数为 %3 µs，最长 %4 µs。</translation>
    </message>
    <message>
        <source>parent&apos;s value afterwards</source>
        <translation>父进程之后的值</translation>
    </message>
    <message>
        <source>value a child found</source>
        <translation>子进程读到的值</translation>
    </message>
    <message>
        <source>Each child found value = %1 and changed its own copy to %2; the parent&apos;s value is still %3: processes do not share memory.</source>
        <translation>每个子进程读到 value = %1，并把自己的副本改成了 %2；父进程的值仍是 %3：进程之间不共享内存。</translation>
    </message>
    <message>
        <source>The children found the program&apos;s initial 0, not the parent&apos;s 1: they did not copy the parent.</source>
        <translation>子进程读到的是程序的初始值 0，而不是父进程的 1：它们没有复制父进程。</translation>
    </message>
    <message>
        <source>children that got the lock</source>
        <translation>拿到锁的子进程数</translation>
    </message>
    <message>
        <source>%1 of %2 children never got the lock: it was held by the parent&apos;s thread when they were forked, so each child&apos;s copy of it is held by a thread that does not exist in the child, and its acquire timed out after %3 ms.</source>
        <translation>%2 个子进程中有 %1 个始终没拿到锁：fork 它们时，这把锁正被父进程的线程持有，因此每个子进程中的锁副本都由一个在子进程里并不存在的线程持有，其 acquire 在 %3 ms 后超时。</translation>
    </message>
    <message>
        <source>Every child got its lock at once: a fresh program (spawn), or a copy of a process that never took the lock (the fork server), has a free lock of its own.</source>
        <translation>每个子进程都立即拿到了锁：全新的程序（spawn），或从未获取过这把锁的进程的副本（forkserver），都有一把属于自己的空闲锁。</translation>
    </message>
    <message>
        <source>lines in the file</source>
        <translation>文件中的行数</translation>
    </message>
    <message>
        <source>copies of the parent&apos;s line</source>
        <translation>父进程那一行的副本数</translation>
    </message>
    <message>
        <source>The file has %1 lines and the parent&apos;s line %2 times: each forked child flushed its copy of the parent&apos;s unflushed buffer. Flush before starting children.</source>
        <translation>文件有 %1 行，父进程那一行出现了 %2 次：每个 fork 出的子进程都 flush 了自己那份父进程未 flush 缓冲区的副本。请在启动子进程之前先 flush。</translation>
    </message>
    <message>
        <source>The file has %1 lines and the parent&apos;s line once: the children had no copy of its buffer.</source>
        <translation>文件有 %1 行，父进程那一行只出现一次：子进程没有它的缓冲区副本。</translation>
    </message>
    <message>
        <source>spawn</source>
        <translation>spawn</translation>
    </message>
    <message>
        <source>the fork server</source>
        <translation>forkserver</translation>
    </message>
    <message>
        <source>fork</source>
        <translation>fork</translation>
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
    <message>
        <source>could not create a directory for the ticket file in %1: %2</source>
        <translation>无法在 %1 中为余票文件创建目录：%2</translation>
    </message>
    <message>
        <source>the ticket file path is %1 bytes long, more than the %2 allowed: %3; set TMPDIR to a shorter directory</source>
        <translation>余票文件路径长 %1 字节，超过了允许的 %2 字节：%3；请把 TMPDIR 设为路径更短的目录</translation>
    </message>
    <message>
        <source>could not set up the ticket file %1: %2</source>
        <translation>无法创建余票文件 %1：%2</translation>
    </message>
    <message>
        <source>could not set up the ticket store in shared memory</source>
        <translation>无法在共享内存中创建余票存储</translation>
    </message>
    <message numerus="yes">
        <source>%n buyer(s) could not write the lowered count back to %1 (%2); no ticket was counted as sold for them</source>
        <translation>
            <numerusform>%n 个抢票者无法把减 1 后的余票数写回 %1（%2）；他们不计入售出的票数</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n buyer(s) could not read the ticket count from %1 (%2) and bought nothing</source>
        <translation>
            <numerusform>%n 个抢票者无法从 %1 读取余票数（%2），因此没有买票</numerusform>
        </translation>
    </message>
    <message>
        <source>could not read the final ticket count from %1 (%2), so overselling was not checked</source>
        <translation>无法从 %1 读取最终的余票数（%2），因此未检查超卖</translation>
    </message>
    <message>
        <source>%1 tickets sold; the tickets left could not be read, so overselling was not checked.</source>
        <translation>售出 %1 张票；无法读取余票，因此未检查超卖。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Several buyers share one ticket count. Each buyer &lt;b&gt;reads&lt;/b&gt; the count, &lt;b&gt;thinks&lt;/b&gt; for a while, and, if it saw a ticket, &lt;b&gt;writes back&lt;/b&gt; one less.&lt;/p&gt;&lt;p&gt;Without a lock, a buyer that starts while another is still thinking reads the same count: both sell &quot;the last ticket&quot; and the count goes down by one only. The verdict counts these oversold tickets from what the buyers really wrote.&lt;/p&gt;&lt;p&gt;With the lock on, read–think–write becomes a critical section: buyers wait their turn (red spans), one holds the lock at a time (blue spans), and the sales are exact.&lt;/p&gt;&lt;p&gt;With &lt;b&gt;pool&lt;/b&gt;, the buyers are tasks of a process pool (seed 000 §4.2): a few &quot;pool worker&quot; rows take buyer after buyer. The notes need a Manager&apos;s lock there; here the lock lives in shared memory that every pool worker maps.&lt;/p&gt;&lt;p&gt;With the &lt;b&gt;manager&lt;/b&gt; store, the count is &lt;tt&gt;d[&quot;tickets&quot;]&lt;/tt&gt; of a &lt;tt&gt;Manager().dict()&lt;/tt&gt;, and the lock is the manager&apos;s &lt;tt&gt;Lock()&lt;/tt&gt;: each read, write, acquire and release is a round trip to the manager process, whose own row shows every request it serves.&lt;/p&gt;</source>
        <translation>&lt;p&gt;多个抢票者共用一个余票数。每个抢票者先&lt;b&gt;读取&lt;/b&gt;余票数，&lt;b&gt;思考&lt;/b&gt;一会儿，如果看到还有票，就&lt;b&gt;写回&lt;/b&gt;减 1 后的值。&lt;/p&gt;&lt;p&gt;不加锁时，一个抢票者若在另一个还在思考时开始，就会读到同一个余票数：两人都卖出了“最后一张票”，余票却只减少了 1。结论根据抢票者实际写入的值统计这些超卖的票。&lt;/p&gt;&lt;p&gt;加锁后，读取—思考—写回成为一个临界区：抢票者排队等候（红色区段），同一时刻只有一人持有锁（蓝色区段），售出的票数完全准确。&lt;/p&gt;&lt;p&gt;使用 &lt;b&gt;pool&lt;/b&gt; 时，抢票者是进程池的任务（seed 000 §4.2）：几个“pool worker”行依次领取一个又一个抢票者。笔记中这里需要 Manager 的锁；本程序中，锁位于每个池工作进程都映射了的共享内存中。&lt;/p&gt;&lt;p&gt;使用 &lt;b&gt;manager&lt;/b&gt; 存放时，余票数是 &lt;tt&gt;Manager().dict()&lt;/tt&gt; 中的 &lt;tt&gt;d[&quot;tickets&quot;]&lt;/tt&gt;，锁是 Manager 的 &lt;tt&gt;Lock()&lt;/tt&gt;：每次读取、写入、获取和释放都要与 Manager 服务进程往返一次，它自己的那一行显示它处理的每个请求。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not read the final count from the manager: %1</source>
        <translation>无法从 Manager 读取最终余票数：%1</translation>
    </message>
</context>
<context>
    <name>cl::scenarios::ZombieOrphan</name>
    <message>
        <source>Zombies and orphans</source>
        <translation>僵尸进程与孤儿进程</translation>
    </message>
    <message>
        <source>Processes and threads</source>
        <translation>进程与线程</translation>
    </message>
    <message>
        <source>&lt;p&gt;A worker process, the &lt;b&gt;parent&lt;/b&gt;, forks a &lt;b&gt;child&lt;/b&gt;. What the timeline shows of the child&apos;s state comes from the kernel: the /proc sampler reads &lt;i&gt;/proc/PID/stat&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;zombie&lt;/b&gt;: the child ends after &lt;i&gt;child_ms&lt;/i&gt;, but its parent is busy for &lt;i&gt;reap_after_ms&lt;/i&gt; before it calls wait(). Until then the kernel keeps the child&apos;s exit status, and reports its state as &lt;b&gt;Z&lt;/b&gt;: the zombie span. Every process is a zombie for a moment; one whose parent never waits stays one.&lt;/p&gt;&lt;p&gt;&lt;b&gt;orphan&lt;/b&gt;: the parent ends after &lt;i&gt;parent_exit_after_ms&lt;/i&gt; while its child still runs. The kernel gives the child a new parent: the nearest ancestor that is a &lt;i&gt;child subreaper&lt;/i&gt; (this app is one), or init. The child&apos;s PPID changes (a line on its track), and the app reaps it when it ends, so no zombie is left.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一个工作进程（&lt;b&gt;父进程&lt;/b&gt;）fork 出一个&lt;b&gt;子进程&lt;/b&gt;。时间线上显示的子进程状态来自内核：/proc 采样器读取 &lt;i&gt;/proc/PID/stat&lt;/i&gt;。&lt;/p&gt;&lt;p&gt;&lt;b&gt;zombie&lt;/b&gt;（僵尸进程）：子进程在 &lt;i&gt;child_ms&lt;/i&gt; 后结束，但父进程要忙 &lt;i&gt;reap_after_ms&lt;/i&gt; 才调用 wait()。在此之前，内核保留子进程的退出状态，并报告其状态为 &lt;b&gt;Z&lt;/b&gt;：这就是僵尸区段。每个进程都会短暂地成为僵尸进程；如果父进程从不 wait，它就一直是僵尸进程。&lt;/p&gt;&lt;p&gt;&lt;b&gt;orphan&lt;/b&gt;（孤儿进程）：父进程在 &lt;i&gt;parent_exit_after_ms&lt;/i&gt; 后结束，而子进程仍在运行。内核为子进程指定新的父进程：最近的一个身为 &lt;i&gt;child subreaper&lt;/i&gt; 的祖先进程（本程序就是），或者 init。子进程的 PPID 随之改变（其轨道上会画一条线），子进程结束时由本程序回收，因此不会留下僵尸进程。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not set up the parent and child</source>
        <translation>无法创建父进程和子进程</translation>
    </message>
    <message>
        <source>state Z in /proc (ms)</source>
        <translation>/proc 中处于状态 Z 的时间 (ms)</translation>
    </message>
    <message>
        <source>child&apos;s PPID at first</source>
        <translation>子进程最初的 PPID</translation>
    </message>
    <message>
        <source>child&apos;s PPID at the end</source>
        <translation>子进程最后的 PPID</translation>
    </message>
    <message>
        <source>child reaped</source>
        <translation>子进程已回收</translation>
    </message>
    <message>
        <source>parent&apos;s PID</source>
        <translation>父进程 PID</translation>
    </message>
    <message>
        <source>the app&apos;s PID</source>
        <translation>本程序的 PID</translation>
    </message>
    <message>
        <source>The child ended, but its parent (PID %1) waited %2 ms before reaping it: for %3 ms the kernel reported it in state Z, a zombie. wait() reaped it and its /proc entry went away.</source>
        <translation>子进程已结束，但其父进程（PID %1）等了 %2 ms 才回收它：在这 %3 ms 内，内核报告它处于状态 Z，即僵尸进程。wait() 回收了它，它的 /proc 条目随之消失。</translation>
    </message>
    <message>
        <source>The child was reaped before the sampler saw it as a zombie: its parent waited only %1 ms.</source>
        <translation>子进程在采样器看到它成为僵尸进程之前就被回收了：其父进程只等了 %1 ms。</translation>
    </message>
    <message>
        <source>The parent (PID %1) ended while its child ran: the kernel re-parented the child from PPID %2 to PPID %3, this app (a child subreaper), which reaped it when it ended (exit value %4).</source>
        <translation>父进程（PID %1）在子进程运行期间结束：内核把子进程的父进程从 PPID %2 改为 PPID %3，即本程序（一个 child subreaper），子进程结束时由本程序回收（退出值 %4）。</translation>
    </message>
    <message>
        <source>The child&apos;s PPID went from %1 to %2, not to this app (PID %3).</source>
        <translation>子进程的 PPID 从 %1 变为 %2，而不是本程序（PID %3）。</translation>
    </message>
</context>
<context>
    <name>cl::trace::ChromeTraceReader</name>
    <message>
        <source>expected a string</source>
        <translation>应为字符串</translation>
    </message>
    <message>
        <source>the text ends inside a string</source>
        <translation>文本在字符串内部结束</translation>
    </message>
    <message>
        <source>a control character inside a string (it must be escaped)</source>
        <translation>字符串中有控制字符（必须转义）</translation>
    </message>
    <message>
        <source>a bad \u escape in a string</source>
        <translation>字符串中有错误的 \u 转义</translation>
    </message>
    <message>
        <source>a bad escape in a string</source>
        <translation>字符串中有错误的转义</translation>
    </message>
    <message>
        <source>the text ends inside a number</source>
        <translation>文本在数字内部结束</translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation>应为数字</translation>
    </message>
    <message>
        <source>a malformed number</source>
        <translation>格式错误的数字</translation>
    </message>
    <message>
        <source>the text ends inside a value</source>
        <translation>文本在值内部结束</translation>
    </message>
    <message>
        <source>expected a value</source>
        <translation>应为值</translation>
    </message>
    <message>
        <source>the text ends where a value should be</source>
        <translation>文本在应有值的位置结束</translation>
    </message>
    <message>
        <source>the text ends inside an object</source>
        <translation>文本在对象内部结束</translation>
    </message>
    <message>
        <source>the text ends inside an array</source>
        <translation>文本在数组内部结束</translation>
    </message>
    <message>
        <source>expected a key (a string) in an object</source>
        <translation>对象中应为键（字符串）</translation>
    </message>
    <message>
        <source>expected &apos;:&apos; after a key</source>
        <translation>键之后应为 &apos;:&apos;</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos; after a value in an object</source>
        <translation>对象中的值之后应为 &apos;,&apos; 或 &apos;}&apos;</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos; after a value in an array</source>
        <translation>数组中的值之后应为 &apos;,&apos; 或 &apos;]&apos;</translation>
    </message>
    <message>
        <source>expected an event (a JSON object)</source>
        <translation>应为事件（JSON 对象）</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) not shown: %1</source>
        <translation>
            <numerusform>%n 个事件未显示：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>no &quot;ph&quot; (phase)</source>
        <translation>缺少 &quot;ph&quot;（阶段）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; of the wrong type</source>
        <translation>&quot;%1&quot; 的类型错误</translation>
    </message>
    <message>
        <source>no &quot;ts&quot; (time)</source>
        <translation>缺少 &quot;ts&quot;（时间）</translation>
    </message>
    <message>
        <source>phase &quot;%1&quot;</source>
        <translation>阶段 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;X&quot; without a duration</source>
        <translation>&quot;X&quot; 没有持续时间</translation>
    </message>
    <message>
        <source>&quot;E&quot; without its &quot;B&quot;</source>
        <translation>&quot;E&quot; 没有对应的 &quot;B&quot;</translation>
    </message>
    <message>
        <source>&quot;e&quot; without its &quot;b&quot;</source>
        <translation>&quot;e&quot; 没有对应的 &quot;b&quot;</translation>
    </message>
    <message>
        <source>counter without a numeric value</source>
        <translation>计数器没有数值</translation>
    </message>
    <message>
        <source>metadata &quot;%1&quot;</source>
        <translation>元数据 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>flow without an &quot;id&quot;</source>
        <translation>流（flow）缺少 &quot;id&quot;</translation>
    </message>
    <message>
        <source>flow start without its end</source>
        <translation>流的起点没有对应的终点</translation>
    </message>
    <message>
        <source>flow end without its start</source>
        <translation>流的终点没有对应的起点</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>一个对象</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>一个数组</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>一个字符串</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>一个数字</translation>
    </message>
    <message>
        <source>a true/false value</source>
        <translation>一个 true/false 值</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>something that is not JSON</source>
        <translation>非 JSON 内容</translation>
    </message>
    <message>
        <source>in event %1 of &quot;traceEvents&quot;</source>
        <translation>&quot;traceEvents&quot; 的第 %1 个事件中</translation>
    </message>
    <message>
        <source>in &quot;metadata&quot;</source>
        <translation>&quot;metadata&quot; 中</translation>
    </message>
    <message>
        <source>at the top level</source>
        <translation>顶层</translation>
    </message>
    <message>
        <source>%1: the file ends too early, at byte %2 %3 (%4): it is truncated, or was still being written</source>
        <translation>%1：文件在第 %2 字节处（%3）过早结束（%4）：文件被截断了，或当时仍在写入</translation>
    </message>
    <message>
        <source>%1: invalid JSON at byte %2 %3: %4</source>
        <translation>%1：第 %2 字节处（%3）的 JSON 无效：%4</translation>
    </message>
    <message>
        <source>%1: the file is empty; a Chrome trace is a JSON object with a &quot;traceEvents&quot; array, or an array of events</source>
        <translation>%1：文件为空；Chrome trace 是一个带 &quot;traceEvents&quot; 数组的 JSON 对象，或一个事件数组</translation>
    </message>
    <message>
        <source>%1: not a JSON file (byte %2 cannot start a JSON value); a Chrome trace is JSON text</source>
        <translation>%1：不是 JSON 文件（第 %2 字节不能作为 JSON 值的开头）；Chrome trace 是 JSON 文本</translation>
    </message>
    <message>
        <source>%1: not a Chrome trace: the file holds %2, but a trace is a JSON object with a &quot;traceEvents&quot; array, or an array of events</source>
        <translation>%1：不是 Chrome trace：文件中是%2，而 trace 是一个带 &quot;traceEvents&quot; 数组的 JSON 对象，或一个事件数组</translation>
    </message>
    <message>
        <source>%1: loading was cancelled</source>
        <translation>%1：已取消加载</translation>
    </message>
    <message>
        <source>%1: unexpected text after the end of the trace, at byte %2</source>
        <translation>%1：trace 结束后还有多余的文本，位于第 %2 字节</translation>
    </message>
    <message>
        <source>%1: &quot;traceEvents&quot; is %2, not an array of events (byte %3)</source>
        <translation>%1：&quot;traceEvents&quot; 是%2，而不是事件数组（第 %3 字节）</translation>
    </message>
    <message>
        <source>section &quot;%1&quot; (not shown)</source>
        <translation>&quot;%1&quot; 部分（未显示）</translation>
    </message>
    <message>
        <source>%1: not a Chrome trace: the JSON object has no &quot;traceEvents&quot; array</source>
        <translation>%1：不是 Chrome trace：该 JSON 对象没有 &quot;traceEvents&quot; 数组</translation>
    </message>
    <message>
        <source>%1: not a Chrome trace: the JSON object has no &quot;traceEvents&quot; array (its keys: %2)</source>
        <translation>%1：不是 Chrome trace：该 JSON 对象没有 &quot;traceEvents&quot; 数组（它的键：%2）</translation>
    </message>
    <message>
        <source>not an event object</source>
        <translation>不是事件对象</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1：文件不存在</translation>
    </message>
    <message>
        <source>%1: is a folder, not a trace file</source>
        <translation>%1：这是一个文件夹，不是跟踪记录文件</translation>
    </message>
    <message>
        <source>%1: cannot open it: %2</source>
        <translation>%1：无法打开：%2</translation>
    </message>
    <message>
        <source>%1: cannot read it: %2</source>
        <translation>%1：无法读取：%2</translation>
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
    <message>
        <source>done: took the lock %1 times, waited %2 ms, held it %3 ms</source>
        <translation>完成：获取锁 %1 次，等待 %2 ms，持有 %3 ms</translation>
    </message>
    <message>
        <source>error: released a lock it does not hold</source>
        <translation>错误：释放了自己并未持有的锁</translation>
    </message>
    <message>
        <source>put item %1</source>
        <translation>放入条目 %1</translation>
    </message>
    <message>
        <source>consumed item %1 (from producer-%2)</source>
        <translation>消费了条目 %1（来自 producer-%2）</translation>
    </message>
    <message>
        <source>got None: no more items, leaving</source>
        <translation>取到 None：没有更多条目，退出</translation>
    </message>
    <message>
        <source>q.join() returned: every item is marked done</source>
        <translation>q.join() 已返回：所有条目都已标记为完成</translation>
    </message>
    <message>
        <source>ending the daemon consumers</source>
        <translation>正在结束守护消费者</translation>
    </message>
    <message>
        <source>producers done: putting %1 × None, one per consumer</source>
        <translation>生产者已完成：放入 %1 × None，每个消费者一个</translation>
    </message>
    <message>
        <source>done: task %1 returned %2 — callback in PID %3, TID %4</source>
        <translation>done：任务 %1 返回 %2——回调位于 PID %3，TID %4</translation>
    </message>
    <message>
        <source>%1: %2 lines, %3 distinct IPs</source>
        <translation>%1：%2 行，%3 个不同 IP</translation>
    </message>
    <message>
        <source>re-parented (seen in /proc): PPID %1 → %2</source>
        <translation>已更换父进程（在 /proc 中看到）：PPID %1 → %2</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>lock.acquire() timed out after %1 ms: the lock is held in this process</source>
        <translation>lock.acquire() 在 %1 ms 后超时：锁被本进程持有</translation>
    </message>
    <message>
        <source>lock.acquire() succeeded after %1 ms</source>
        <translation>lock.acquire() 在 %1 ms 后成功</translation>
    </message>
    <message>
        <source>%1 threads in this process (PID %2, PPID %3)</source>
        <translation>本进程中有 %1 个线程（PID %2，PPID %3）</translation>
    </message>
    <message>
        <source>received &quot;%1&quot;</source>
        <translation>收到“%1”</translation>
    </message>
    <message>
        <source>received &quot;%1&quot; — round trip %2 µs</source>
        <translation>收到“%1”——往返 %2 µs</translation>
    </message>
    <message>
        <source>done: %1 updates, %2 ns each</source>
        <translation>完成：%1 次更新，每次 %2 ns</translation>
    </message>
    <message>
        <source>cannot reach the manager: %1</source>
        <translation>无法连接 Manager：%1</translation>
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
    <name>cl::ui::CompareBands</name>
    <message>
        <source>%1 · wall %2 ms · speedup %3</source>
        <translation>%1 · 总耗时 %2 ms · 加速比 %3</translation>
    </message>
    <message>
        <source>cores busy %1</source>
        <translation>忙碌核心 %1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>cl::ui::CompareDialog</name>
    <message>
        <source>Compare runs: %1</source>
        <translation>比较运行：%1</translation>
    </message>
    <message>
        <source>Run the lesson once per value of one parameter</source>
        <translation>按某个参数的每个取值各运行一次本课程</translation>
    </message>
    <message>
        <source>Compare with previous runs of this lesson</source>
        <translation>与本课程之前的运行进行比较</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>values separated by commas, e.g. 1, 2, 4, 8</source>
        <translation>用逗号分隔的取值，例如 1, 2, 4, 8</translation>
    </message>
    <message>
        <source>Run this lesson at least twice in this session to compare its runs.</source>
        <translation>请在本次会话中至少运行本课程两次，才能比较它的各次运行。</translation>
    </message>
    <message>
        <source>Run comparison</source>
        <translation>运行比较</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the run in progress (every worker is ended) and skip the remaining values</source>
        <translation>停止正在进行的运行（结束所有工作单元），并跳过剩余的取值</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Parameter:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>取值：</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Allowed: %1.</source>
        <translation>允许值：%1。</translation>
    </message>
    <message>
        <source>Choose at least 2 runs to compare.</source>
        <translation>请至少选择 2 次运行进行比较。</translation>
    </message>
    <message>
        <source>Stopping: ending every worker…</source>
        <translation>正在停止：结束所有工作单元…</translation>
    </message>
    <message>
        <source>Run %1 of %2: %3 = %4</source>
        <translation>第 %1 次运行（共 %2 次）：%3 = %4</translation>
    </message>
    <message>
        <source>No run was made.</source>
        <translation>没有进行任何运行。</translation>
    </message>
</context>
<context>
    <name>cl::ui::CompareHistory</name>
    <message>
        <source>#%1 · %2 · %3 ms · %4</source>
        <translation>#%1 · %2 · %3 ms · %4</translation>
    </message>
    <message>
        <source>run #%1</source>
        <translation>运行 #%1</translation>
    </message>
</context>
<context>
    <name>cl::ui::CompareImage</name>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>%1 — runs compared</source>
        <translation>%1——各次运行比较</translation>
    </message>
    <message>
        <source>%1 — compared by %2</source>
        <translation>%1——按 %2 比较</translation>
    </message>
    <message>
        <source>Every run is drawn at the same scale: a shorter band finished sooner. Speedup = the first run&apos;s wall time / this run&apos;s wall time; efficiency = speedup / workers used (at most the cores).</source>
        <translation>所有运行都按同一比例绘制：色带越短，完成得越早。加速比 = 第一次运行的总耗时 / 本次运行的总耗时；并行效率 = 加速比 / 使用的工作单元数（最多为核心数）。</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Speedup against the first run</source>
        <translation>相对第一次运行的加速比</translation>
    </message>
    <message>
        <source>Times are relative to each run&apos;s first event. Made with Concurrency Lab.</source>
        <translation>时间以每次运行的第一个事件为起点。由 Concurrency Lab 生成。</translation>
    </message>
    <message>
        <source>Cannot render the comparison: no GUI application (fonts) is available.</source>
        <translation>无法渲染比较图：没有可用的图形界面应用（字体）。</translation>
    </message>
</context>
<context>
    <name>cl::ui::CompareView</name>
    <message>
        <source>Compare: %1</source>
        <translation>比较：%1</translation>
    </message>
    <message>
        <source>%1 — runs compared</source>
        <translation>%1——各次运行比较</translation>
    </message>
    <message>
        <source>%1 — compared by %2</source>
        <translation>%1——按 %2 比较</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Save the stacked runs, the table and the speedup bars as one picture</source>
        <translation>将叠放的各次运行、表格和加速比条形图保存为一张图片</translation>
    </message>
    <message>
        <source>Every run is drawn at the same scale: a shorter band finished sooner.</source>
        <translation>所有运行都按同一比例绘制：色带越短，完成得越早。</translation>
    </message>
    <message>
        <source>Speedup against the first run (×)</source>
        <translation>相对第一次运行的加速比（×）</translation>
    </message>
    <message>
        <source>Speedup</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Speedup = the first run&apos;s wall time / this run&apos;s wall time.</source>
        <translation>加速比 = 第一次运行的总耗时 / 本次运行的总耗时。</translation>
    </message>
    <message>
        <source>Export the comparison as PNG</source>
        <translation>将比较结果导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
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
    <name>cl::ui::CounterChartPainter</name>
    <message>
        <source>expected: %1</source>
        <translation>预期值：%1</translation>
    </message>
    <message>
        <source>left if every sale counted: %1</source>
        <translation>若每笔售出都计入，应剩：%1</translation>
    </message>
</context>
<context>
    <name>cl::ui::FlowKind</name>
    <message>
        <source>lock hand-overs</source>
        <translation>锁交接</translation>
    </message>
    <message>
        <source>queue items</source>
        <translation>队列条目</translation>
    </message>
    <message>
        <source>pipe messages</source>
        <translation>管道消息</translation>
    </message>
    <message>
        <source>results to callbacks</source>
        <translation>传给回调的结果</translation>
    </message>
    <message>
        <source>other hand-overs</source>
        <translation>其他交接</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>管道</translation>
    </message>
    <message>
        <source>callback</source>
        <translation>回调</translation>
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
    <message>
        <source>“%1” is still running. Select it to watch the run; Run is free again once it has finished.</source>
        <translation>“%1”仍在运行。选中它可查看运行过程；运行结束后即可再次点击“运行”。</translation>
    </message>
    <message>
        <source>Press Run to run “%1”.</source>
        <translation>点击“运行”来运行“%1”。</translation>
    </message>
    <message>
        <source>%1: </source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Running “%1”… %2 s</source>
        <translation>正在运行“%1”… %2 秒</translation>
    </message>
    <message>
        <source>The same lesson written with Python&apos;s multiprocessing/threading, for readers of the course notes. It follows the parameters; save it as a .py file and run it with python3.</source>
        <translation>用 Python 的 multiprocessing/threading 编写的同一课程，供课程笔记的读者参考。代码随参数变化；可保存为 .py 文件，再用 python3 运行。</translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation>比较(&amp;C)…</translation>
    </message>
    <message>
        <source>Run this lesson once per value of one parameter (serial, threads, processes; a pool of 1, 2, 4, 8) or pick earlier runs, and compare them side by side (Ctrl+Shift+M)</source>
        <translation>按某个参数的每个取值各运行一次本课程（串行、线程、进程；大小为 1、2、4、8 的进程池），或选择之前的运行，并排比较（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>&amp;Open trace…</source>
        <translation>打开跟踪记录(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a saved trace: this app&apos;s, or any Chrome trace-event JSON (Ctrl+O)</source>
        <translation>打开已保存的跟踪记录：本程序的，或任何 Chrome trace-event JSON（Ctrl+O）</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Clear the list</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export &amp;SVG…</source>
        <translation>导出 SVG(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the timeline as SVG: text stays text, it scales without blur</source>
        <translation>将时间线保存为 SVG：文字仍是文字，缩放不会模糊</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the timeline as a one-page PDF that fits the picture</source>
        <translation>将时间线保存为单页 PDF，页面大小与图片相符</translation>
    </message>
    <message>
        <source>Save summary as &amp;CSV…</source>
        <translation>将摘要保存为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Save the verdict and metrics as one CSV row, for a spreadsheet</source>
        <translation>将结论和指标保存为一行 CSV，便于用电子表格打开</translation>
    </message>
    <message>
        <source>Pictures show only the &amp;visible range</source>
        <translation>图片只显示可见范围(&amp;V)</translation>
    </message>
    <message>
        <source>PNG, SVG, PDF and Copy Picture show what the timeline shows now, not the whole run</source>
        <translation>PNG、SVG、PDF 和“复制图片”显示的是时间线当前显示的内容，而不是整个运行过程</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Copy picture</source>
        <translation>复制图片(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the timeline picture to the clipboard (Ctrl+Shift+C)</source>
        <translation>将时间线图片复制到剪贴板（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Open trace</source>
        <translation>打开跟踪记录</translation>
    </message>
    <message>
        <source>Chrome trace JSON (*.json);;All files (*)</source>
        <translation>Chrome trace JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>A run is in progress: stop it or let it finish, then open “%1”.</source>
        <translation>有一次运行正在进行：请先停止它或等它结束，再打开“%1”。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Opening %1 was cancelled.</source>
        <translation>已取消打开 %1。</translation>
    </message>
    <message>
        <source>Could not open the trace.</source>
        <translation>无法打开跟踪记录。</translation>
    </message>
    <message>
        <source>Opened %1: %2 events on %3 tracks.</source>
        <translation>已打开 %1：%2 个事件，%3 条轨道。</translation>
    </message>
    <message>
        <source>%1 spans of another tool are shown as “running”, named by their event.</source>
        <translation>来自其他工具的 %1 个区段显示为“运行中”，以其事件命名。</translation>
    </message>
    <message>
        <source>Only the first %1 items were kept (the store&apos;s limit); %2 more were not.</source>
        <translation>只保留了前 %1 项（存储上限）；另有 %2 项未保留。</translation>
    </message>
    <message>
        <source>Export timeline as SVG</source>
        <translation>将时间线导出为 SVG</translation>
    </message>
    <message>
        <source>Export timeline as PDF</source>
        <translation>将时间线导出为 PDF</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Save summary as CSV</source>
        <translation>将摘要保存为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Copied the timeline picture to the clipboard.</source>
        <translation>已将时间线图片复制到剪贴板。</translation>
    </message>
    <message>
        <source>Start &amp;method</source>
        <translation>启动方式(&amp;M)</translation>
    </message>
    <message>
        <source>Fork &amp;server (default)</source>
        <translation>forkserver（默认）(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;fork (a copy of the app)</source>
        <translation>fork（复制本程序）(&amp;F)</translation>
    </message>
    <message>
        <source>s&amp;pawn (a fresh worker program)</source>
        <translation>spawn（全新的工作程序）(&amp;P)</translation>
    </message>
    <message>
        <source>How worker processes start in the next runs; the start-methods lesson chooses its own</source>
        <translation>后续运行中工作进程的启动方式；启动方式课程会自行选择</translation>
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
    <name>cl::ui::RangeSummaryModel</name>
    <message>
        <source>Duration</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <source>%1 so far</source>
        <translation>目前已 %1</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>still open</source>
        <translation>尚未结束</translation>
    </message>
    <message>
        <source>%1: not yet set</source>
        <translation>%1：尚未设置</translation>
    </message>
    <message>
        <source>%1 of the range</source>
        <translation>占区间的 %1</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作单元</translation>
    </message>
    <message>
        <source>All spans</source>
        <translation>所有区段</translation>
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
    <message>
        <source>Processes and threads</source>
        <translation>进程与线程</translation>
    </message>
    <message>
        <source>Pools</source>
        <translation>进程池与线程池</translation>
    </message>
    <message>
        <source>Locks and races</source>
        <translation>锁与竞争</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Sharing data</source>
        <translation>数据共享</translation>
    </message>
    <message>
        <source>Coroutines and I/O</source>
        <translation>协程与 I/O</translation>
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
    <message>
        <source>suspended</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>A coroutine that is not running: ready to run, switched away from, or awaiting another coroutine. Its thread runs another one.</source>
        <translation>未在运行的协程：已就绪、被切换出去，或正在等待另一个协程。它所在的线程正在运行别的协程。</translation>
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
    <message>
        <source>%1 — the trace keeps its first %2 items; the rest were counted, not kept</source>
        <translation>%1——跟踪记录只保留前 %2 项；其余的只计数、不保存</translation>
    </message>
    <message>
        <source>Set the parameters and press Run (Ctrl+R) to run “%1”.</source>
        <translation>设置参数，然后点击“运行”（Ctrl+R）来运行“%1”。</translation>
    </message>
    <message>
        <source>Not kept (store full):</source>
        <translation>未保存（存储已满）：</translation>
    </message>
    <message>
        <source>Spans, samples, hand-overs and printed lines that arrived after the trace store reached its limit. The limit keeps a long run from using up the computer&apos;s memory. When this is not 0, the end of the run is missing from the timeline and the exported trace.</source>
        <translation>跟踪记录存储达到上限之后才到达的区段、采样、交接和打印内容。这个上限可防止长时间运行耗尽计算机内存。此值不为 0 时，时间线和导出的跟踪记录中会缺少运行的结尾部分。</translation>
    </message>
    <message>
        <source>spawn (a fresh worker program)</source>
        <translation>spawn（全新的工作程序）</translation>
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
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>A lane of PID %1 drawn by a model, not a thread: each span is one hold, named after the holder.</source>
        <translation>PID %1 中由模型绘制的泳道，而不是线程：每个区段表示一次持有，以持有者命名。</translation>
    </message>
    <message>
        <source>coroutine</source>
        <translation>协程</translation>
    </message>
    <message>
        <source>on TID %1</source>
        <translation>位于 TID %1</translation>
    </message>
    <message>
        <source>A coroutine run by thread TID %1 of PID %2: green while it runs, grey while it sleeps or waits for a socket, pale while it is suspended. Only one coroutine of a thread runs at a time.</source>
        <translation>由 PID %2 中的线程 TID %1 运行的协程：运行时为绿色，睡眠或等待 socket 时为灰色，挂起时为浅色。同一线程的协程同一时刻只有一个在运行。</translation>
    </message>
    <message>
        <source>ended at %1</source>
        <translation>结束于 %1</translation>
    </message>
    <message>
        <source>not ended</source>
        <translation>未结束</translation>
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
    <name>cl::ui::TimelineTools</name>
    <message>
        <source>Selection</source>
        <translation>选中内容</translation>
    </message>
    <message>
        <source>Show &amp;selection panel</source>
        <translation>显示选中内容面板(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Arrows</source>
        <translation>箭头(&amp;A)</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>|◀ Start</source>
        <translation>|◀ 开头</translation>
    </message>
    <message>
        <source>Put the playhead at the start of the run</source>
        <translation>把播放头移到运行的开头</translation>
    </message>
    <message>
        <source>⏸ Pause</source>
        <translation>⏸ 暂停</translation>
    </message>
    <message>
        <source>▶ Replay</source>
        <translation>▶ 回放</translation>
    </message>
    <message>
        <source>Play the finished run back; drag the red playhead on the timeline to move it (Ctrl+Space)</source>
        <translation>回放已完成的运行；在时间线上拖动红色播放头可移动它（Ctrl+Space）</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source>&lt;b&gt;Range: %1&lt;/b&gt;&lt;br/&gt;from %2 to %3 · time per state per worker</source>
        <translation>&lt;b&gt;区间：%1&lt;/b&gt;&lt;br/&gt;从 %2 到 %3 · 每个工作单元在各状态下的时间</translation>
    </message>
    <message>
        <source>Shift-drag on the timeline to see what each worker did in a range.</source>
        <translation>在时间线上按住 Shift 拖动，可查看每个工作单元在某个区间内做了什么。</translation>
    </message>
    <message>
        <source>playhead at %1</source>
        <translation>播放头位于 %1</translation>
    </message>
    <message>
        <source>Click a span on the timeline to see its details here.</source>
        <translation>点击时间线上的区段，可在此查看其详情。</translation>
    </message>
    <message>
        <source>At the playhead (%1): %2</source>
        <translation>播放头处（%1）：%2</translation>
    </message>
    <message>
        <source>no counters</source>
        <translation>无计数器</translation>
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
    <name>cl::ui::TraceExport</name>
    <message>
        <source>Cannot render the trace: no GUI application (fonts) is available.</source>
        <translation>无法渲染跟踪记录：没有可用的图形界面应用（字体）。</translation>
    </message>
    <message>
        <source>Concurrency Lab trace</source>
        <translation>Concurrency Lab 跟踪记录</translation>
    </message>
    <message>
        <source>Timeline made with Concurrency Lab</source>
        <translation>由 Concurrency Lab 生成的时间线</translation>
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
    <message>
        <source>wall time: %1 ms</source>
        <translation>总耗时：%1 ms</translation>
    </message>
    <message>
        <source>end: %1 ms</source>
        <translation>结束：%1 ms</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>记录于 %1</translation>
    </message>
    <message>
        <source>shown: %1–%2 ms</source>
        <translation>显示范围：%1–%2 ms</translation>
    </message>
</context>
</TS>

// Linked into every test. Debian's Qt is not built with ThreadSanitizer, so
// TSan cannot see QtTest's watchdog thread being joined and reports its
// teardown. Only that is suppressed: a race in our code, even one reached
// from a QTest slot, is still reported.
#if defined(__SANITIZE_THREAD__)
extern "C" const char *__tsan_default_suppressions()
{
    return "race:QWaitCondition::~QWaitCondition\n"
           "called_from_lib:libQt6Test.so.6\n";
}
#endif

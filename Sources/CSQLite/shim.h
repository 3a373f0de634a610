#include <sqlite3.h>

/// sqlite3_config is variadic, which Swift cannot call. Turning off the memory statistics takes
/// the global allocator mutex out of every malloc SQLite makes; it must run before
/// sqlite3_initialize (before the first open), and fails harmlessly after it.
static inline int lectern_sqlite3_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

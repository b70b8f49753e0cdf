#ifndef MAILAUDIT_CSQLITESETTINGS_H
#define MAILAUDIT_CSQLITESETTINGS_H

/// Turns off SQLite's memory statistics for this process (sqlite3_config,
/// SQLITE_CONFIG_MEMSTATUS): SQLite then takes no lock around each of its
/// allocations to count them. Returns SQLITE_OK, or SQLITE_MISUSE when
/// SQLite was already in use in the process, which changes nothing.
/// sqlite3_config takes variable arguments, which Swift cannot call.
int csqlite_disable_memory_statistics(void);

#endif

/* warm-up-runs: 10
   flags: -DSQLITE_OS_OTHER=1 -DSQLITE_THREADSAFE=0 -DSQLITE_TEMP_STORE=3 -DSQLITE_OMIT_LOAD_EXTENSION
   npm-source: better-sqlite3@12.11.1 deps/sqlite3/sqlite3.c
   A large real C program: SQLite's amalgamation (1.1 MB of Wasm code; its bytecode engine, sqlite3VdbeExec, is one
   function of 63 KB), running an in-memory workload (inserts, an index, joins, aggregates, sorting). SQLite runs
   without an operating-system layer here (SQLITE_OS_OTHER): the VFS below opens no file, which an in-memory database
   with in-memory temporary storage never asks for. The amalgamation (SQLite 3.53.2) comes from the npm package
   better-sqlite3, fetched when the benchmark runs: its source is not in this repository. */
#include <stdio.h>
#include <string.h>
#include "sqlite3.h"

static int noOpen(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *outFlags) {
  return SQLITE_CANTOPEN;
}
static int noDelete(sqlite3_vfs *vfs, const char *name, int syncDir) { return SQLITE_IOERR_DELETE; }
static int noAccess(sqlite3_vfs *vfs, const char *name, int flags, int *result) { *result = 0; return SQLITE_OK; }
static int fullName(sqlite3_vfs *vfs, const char *name, int n, char *out) {
  sqlite3_snprintf(n, out, "%s", name);
  return SQLITE_OK;
}
/* Deterministic, so that every engine computes the same thing. */
static int randomness(sqlite3_vfs *vfs, int n, char *out) {
  for (int i = 0; i < n; i++) out[i] = (char)(i * 131 + 7);
  return n;
}
static int noSleep(sqlite3_vfs *vfs, int micros) { return micros; }
static int fixedTime(sqlite3_vfs *vfs, sqlite3_int64 *t) { *t = 210866760000000LL; return SQLITE_OK; }
static int lastError(sqlite3_vfs *vfs, int n, char *out) { return 0; }

static sqlite3_vfs memoryOnly = {
  3, sizeof(sqlite3_file), 512, 0, "memory-only", 0,
  noOpen, noDelete, noAccess, fullName, 0, 0, 0, 0, randomness, noSleep, 0, lastError, fixedTime, 0, 0, 0,
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&memoryOnly, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

static void run(sqlite3 *db, const char *sql) {
  char *error = 0;
  if (sqlite3_exec(db, sql, 0, 0, &error) != SQLITE_OK) {
    printf("error: %s\n", error);
  }
}

static sqlite3_int64 queryInt(sqlite3 *db, const char *sql) {
  sqlite3_stmt *s;
  sqlite3_int64 v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &s, 0) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return v;
}

int main(void) {
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    printf("cannot open\n");
    return 1;
  }
  run(db, "CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, price INTEGER, category INTEGER)");
  run(db, "CREATE TABLE sale(item INTEGER, qty INTEGER, day INTEGER)");
  sqlite3_stmt *insert;
  sqlite3_prepare_v2(db, "INSERT INTO item(name, price, category) VALUES (?1, ?2, ?3)", -1, &insert, 0);
  unsigned x = 12345;
  char name[32];
  run(db, "BEGIN");
  for (int i = 0; i < 20000; i++) {
    x = x * 1103515245u + 12345u;
    snprintf(name, sizeof name, "item-%08x", x);
    sqlite3_bind_text(insert, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(insert, 2, (int)(x >> 20) % 1000);
    sqlite3_bind_int(insert, 3, (int)(x >> 8) % 50);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_prepare_v2(db, "INSERT INTO sale VALUES (?1, ?2, ?3)", -1, &insert, 0);
  for (int i = 0; i < 200000; i++) {
    x = x * 1103515245u + 12345u;
    sqlite3_bind_int(insert, 1, 1 + (int)(x >> 8) % 20000);
    sqlite3_bind_int(insert, 2, 1 + (int)(x >> 4) % 9);
    sqlite3_bind_int(insert, 3, (int)(x >> 16) % 365);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  run(db, "COMMIT");
  run(db, "CREATE INDEX sale_item ON sale(item)");
  sqlite3_int64 h = 0;
  for (int r = 0; r < 5; r++) {
    h = h * 31 + queryInt(db, "SELECT sum(s.qty * i.price) FROM sale s JOIN item i ON i.id = s.item WHERE i.category < 25");
    h = h * 31 + queryInt(db, "SELECT count(*) FROM (SELECT category, day, sum(qty) q FROM sale JOIN item ON id = item GROUP BY category, day HAVING q > 40)");
    h = h * 31 + queryInt(db, "SELECT sum(length(name)) FROM (SELECT name FROM item ORDER BY price DESC, name LIMIT 5000)");
    h = h * 31 + queryInt(db, "SELECT count(*) FROM item WHERE name LIKE '%a%b%'");
  }
  printf("sqlite %lld\n", (long long)h);
  sqlite3_close(db);
  return 0;
}

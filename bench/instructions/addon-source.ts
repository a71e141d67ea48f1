// The C source of the tiny N-API addon that brackets a measured region with callgrind's client
// requests. It is compiled on the user's machine (bench/instructions/addon.ts) against the running
// Node's headers and Valgrind's own callgrind.h, so no binary ships with jwtbench. Outside
// Valgrind the requests are no-ops: a handful of instructions each.
export const ADDON_SOURCE = String.raw`#include <node_api.h>
#include <valgrind/callgrind.h>

/* Counting starts from zero at start() and covers everything until stop(): the timed calls,
   the JavaScript around them and every thread, libuv's pool included. */
static napi_value start(napi_env env, napi_callback_info info) {
  (void)env; (void)info;
  CALLGRIND_ZERO_STATS;
  CALLGRIND_START_INSTRUMENTATION;
  return NULL;
}

/* Stops counting and writes the counts to a dump file named after the region. */
static napi_value stop(napi_env env, napi_callback_info info) {
  CALLGRIND_STOP_INSTRUMENTATION;
  size_t argc = 1;
  napi_value argv[1];
  char name[200];
  size_t length = 0;
  name[0] = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) == napi_ok && argc == 1) {
    napi_get_value_string_utf8(env, argv[0], name, sizeof name, &length);
  }
  CALLGRIND_DUMP_STATS_AT(name);
  return NULL;
}

static napi_value running(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  napi_get_boolean(env, RUNNING_ON_VALGRIND > 0, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor d[] = {
    { "start", NULL, start, NULL, NULL, NULL, napi_default, NULL },
    { "stop", NULL, stop, NULL, NULL, NULL, napi_default, NULL },
    { "running", NULL, running, NULL, NULL, NULL, napi_default, NULL },
  };
  napi_define_properties(env, exports, 3, d);
  return exports;
}
`;

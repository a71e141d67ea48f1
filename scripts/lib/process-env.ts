// Set in the children of micro --processes; a light module so micro --help need not load the runner.
export const PROCESS_ENV = 'JWTBENCH_PROCESS';
/** where taskset lives on Linux; without it a run cannot be pinned to a CPU */
export const TASKSET_PATH = '/usr/bin/taskset';

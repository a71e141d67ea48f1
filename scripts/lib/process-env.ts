// Set in the children of micro --processes; a light module so micro --help need not load the runner.
export const PROCESS_ENV = 'JWTBENCH_PROCESS';
export { TASKSET_PATH } from '../../core/taskset.js';

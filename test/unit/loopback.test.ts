// What counts as this machine for load and probe: loopback addresses in any spelling the URL
// parser gives, and the name localhost; never another name, which the resolver could send anywhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLoopback } from '../../core/loopback.js';

test('loopback: 127/8, ::1 and IPv4-mapped forms, localhost; not *.localhost or anything else', () => {
  const yes = ['http://127.0.0.1:8080/x', 'http://127.9.9.9/', 'http://localhost/', 'http://LOCALHOST:1/', 'http://[::1]/', 'http://[0:0:0:0:0:0:0:1]/',
    'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://0x7f.1/'];
  const no = ['http://attacker.localhost/', 'http://localhost.example.com/', 'http://10.0.0.1/', 'http://[::ffff:10.0.0.1]/', 'http://[::2]/', 'http://example.com/', 'http://128.0.0.1/'];
  for (const u of yes) assert.equal(isLoopback(new URL(u)), true, u);
  for (const u of no) assert.equal(isLoopback(new URL(u)), false, u);
});

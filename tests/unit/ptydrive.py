#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# ptydrive.py OUT ROWS COLS COMMAND...: runs COMMAND on a pseudo-terminal
# of ROWS x COLS, as a shell runs a foreground job, and carries out the
# steps read from stdin, one per line (words split as a shell does):
#
#   size R C      make the terminal R x C (the kernel sends SIGWINCH);
#                 the alternate screen is then full of '~' until redrawn
#   kill SIG      send SIGsig to the foreground job, e.g. kill WINCH
#   send TEXT     type TEXT (Python escapes: '\x03' is Ctrl-C)
#   sh CMD        run CMD with sh, e.g. to change a fake tree
#   screen FILE   wait until the screen shows FILE: its lines, without
#                 trailing blanks, of the screen in use (main or alternate)
#   output TEXT   wait until the output since the last TEXT found has TEXT
#   lacks TEXT    the output so far does not have TEXT
#   cbreak        the terminal does not echo and passes keys at once
#   cooked        the terminal echoes and passes keys a line at a time
#   exit N        wait until COMMAND exits, with status N (128 + the
#                 signal if one killed it)
#
# The screen follows the escapes minerguardctl top uses: cursor position,
# erase to the end of the line or screen, SGR (ignored), the alternate
# screen and the cursor shown or hidden; text past the last column wraps,
# as on a terminal. A job stopped by Ctrl-Z gets "[stopped]" and SIGCONT.
# Waits give up after 10 s. All output goes to OUT; on a failed step the
# screen and the output's end go to stderr and the exit status is 1.

import fcntl
import os
import pty
import re
import select
import shlex
import signal
import struct
import subprocess
import sys
import termios
import time

out_file, rows, cols, cmd = sys.argv[1], int(sys.argv[2]), \
	int(sys.argv[3]), sys.argv[4:]

def set_size(fd, r, c):
	fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', r, c, 0, 0))

pid, fd = pty.fork()
if pid == 0:
	# A shell's part: the command in a foreground process group of its
	# own, so that Ctrl-Z stops it; "[stopped]" and SIGCONT as fg would.
	set_size(0, rows, cols)
	child = os.fork()
	if child == 0:
		os.setpgid(0, 0)
		signal.signal(signal.SIGTTOU, signal.SIG_IGN)
		os.tcsetpgrp(0, os.getpgrp())
		signal.signal(signal.SIGTTOU, signal.SIG_DFL)
		os.execvp(cmd[0], cmd)
	while True:
		_, status = os.waitpid(child, os.WUNTRACED)
		if os.WIFSTOPPED(status):
			os.write(1, b'[stopped]\n')
			time.sleep(0.3)
			os.killpg(child, signal.SIGCONT)
			continue
		os._exit(os.waitstatus_to_exitcode(status) % 256 if
			 os.WIFEXITED(status) else 128 + os.WTERMSIG(status))

raw = b''
pending = b''
mark = 0
# The screens a terminal keeps: main and alternate, rows of characters.
screens = {'main': None, 'alt': None}
active = 'main'
cur = [0, 0]
saved = [0, 0]

def blank_screen():
	return [[' '] * cols for _ in range(rows)]

screens['main'] = blank_screen()

def resize(r, c):
	global rows, cols
	for name, s in screens.items():
		s = [(line + [' '] * c)[:c] for line in s[:r]]
		screens[name] = s + [[' '] * c for _ in range(r - len(s))]
	rows, cols = r, c
	cur[0] = min(cur[0], r - 1)
	cur[1] = min(cur[1], c)
	# Not what a terminal does, but the cropped screen must not pass for
	# one drawn anew: only a whole redraw clears this.
	if active == 'alt':
		screens['alt'] = [['~'] * c for _ in range(r)]

def newline():
	scr = screens[active]
	if cur[0] == rows - 1:
		del scr[0]
		scr.append([' '] * cols)
	else:
		cur[0] += 1

def csi(params, final):
	global active
	scr = screens[active]
	if params.startswith('?'):
		# As xterm: the cursor saved, the alternate screen cleared.
		if params == '?1049' and final == 'h':
			saved[:] = cur
			active = 'alt'
			screens['alt'] = blank_screen()
		elif params == '?1049':
			cur[:] = saved
			active = 'main'
		return
	nums = [int(n) if n else 0 for n in params.split(';')] if params \
		else []
	if final == 'H':
		r = nums[0] if len(nums) > 0 and nums[0] else 1
		c = nums[1] if len(nums) > 1 and nums[1] else 1
		cur[0], cur[1] = min(r, rows) - 1, min(c, cols) - 1
	elif final == 'K' and not nums:
		for c in range(cur[1], cols):
			scr[cur[0]][c] = ' '
	elif final == 'J' and not nums:
		for c in range(cur[1], cols):
			scr[cur[0]][c] = ' '
		for r in range(cur[0] + 1, rows):
			scr[r] = [' '] * cols
	elif final == 'm':
		pass
	else:
		fail('unexpected escape ESC[%s%s' % (params, final))

def feed(data):
	global pending
	data = pending + data
	i = 0
	while i < len(data):
		b = data[i]
		if b == 0x1b:
			m = re.match(rb'\x1b\[([?0-9;]*)([A-Za-z])', data[i:])
			if not m:
				if len(data) - i < 16:
					break	# the rest comes later
				fail('unexpected escape %r' % data[i:i + 8])
			csi(m.group(1).decode(), m.group(2).decode())
			i += m.end()
			continue
		if b == 0x0d:
			cur[1] = 0
		elif b == 0x0a:
			newline()
		elif b == 0x07:
			pass
		elif b < 0x20 or b > 0x7e:
			fail('unexpected byte %#x' % b)
		else:
			# Past the last column, a terminal wraps.
			if cur[1] >= cols:
				cur[1] = 0
				newline()
			screens[active][cur[0]][cur[1]] = chr(b)
			cur[1] += 1
		i += 1
	pending = data[i:]

def screen_text():
	lines = [''.join(line).rstrip() for line in screens[active]]
	while lines and not lines[-1]:
		lines.pop()
	return '\n'.join(lines)

def save():
	with open(out_file, 'wb') as f:
		f.write(raw)

def job():
	"""The terminal's foreground process group, never this one's."""
	try:
		pgrp = os.tcgetpgrp(fd)
	except OSError:
		return None
	return pgrp if pgrp > 1 and pgrp != os.getpgrp() else None

def fail(message):
	save()
	sys.stderr.write('%s\nscreen:\n%s\nraw output: %r\n' %
			 (message, screen_text(), raw[-800:]))
	pgrp = job()
	for kill, target in ((os.killpg, pgrp), (os.kill, pid)):
		try:
			if target:
				kill(target, signal.SIGKILL)
		except OSError:
			pass
	sys.exit(1)

def read_some(timeout):
	global raw
	r, _, _ = select.select([fd], [], [], timeout)
	if not r:
		return False
	try:
		data = os.read(fd, 65536)
	except OSError:
		# EIO: no process has the terminal open any more.
		time.sleep(timeout)
		return False
	raw += data
	feed(data)
	return bool(data)

def wait_for(what, done):
	end = time.time() + 10
	while not done():
		if time.time() > end:
			fail('timed out waiting for %s' % what)
		read_some(0.05)

def unescape(s):
	return s.encode().decode('unicode_escape').encode('latin-1')

def lflag():
	return termios.tcgetattr(fd)[3]

status = None
for line in sys.stdin:
	step = shlex.split(line)
	if not step:
		continue
	op, args = step[0], step[1:]
	if op == 'size':
		set_size(fd, int(args[0]), int(args[1]))
		resize(int(args[0]), int(args[1]))
	elif op == 'kill':
		if not job():
			fail('no job to send SIG%s' % args[0])
		os.killpg(job(), getattr(signal, 'SIG' + args[0]))
	elif op == 'send':
		os.write(fd, unescape(args[0]))
	elif op == 'sh':
		subprocess.run(args[0], shell=True, check=True)
	elif op == 'screen':
		with open(args[0]) as f:
			want = f.read().rstrip('\n')
		wait_for('the screen in ' + args[0],
			 lambda: screen_text() == want)
	elif op == 'output':
		want = unescape(args[0])
		def seen():
			global mark
			at = raw.find(want, mark)
			if at >= 0:
				mark = at + len(want)
			return at >= 0
		wait_for('output %r' % want, seen)
	elif op == 'lacks':
		if unescape(args[0]) in raw:
			fail('output has %r' % unescape(args[0]))
	elif op == 'cbreak':
		if lflag() & (termios.ICANON | termios.ECHO):
			fail('the terminal is not in cbreak mode')
	elif op == 'cooked':
		if lflag() & (termios.ICANON | termios.ECHO) != \
		   termios.ICANON | termios.ECHO:
			fail('the terminal was not put back')
	elif op == 'exit':
		def ended():
			global status
			if status is None:
				p, st = os.waitpid(pid, os.WNOHANG)
				if p:
					status = os.waitstatus_to_exitcode(st)
			return status is not None
		wait_for('the exit', ended)
		while read_some(0.2):
			pass
		if status != int(args[0]):
			fail('exit status %s, want %s' % (status, args[0]))
	else:
		fail('unknown step ' + line)
save()
if status is None:
	fail('the steps did not wait for the exit')

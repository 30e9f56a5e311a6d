/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cases for module/stratum.c, shared by the KUnit suite
 * (tests/kunit/stratum_test.c) and the host test (tests/unit/stratum_test.c).
 *
 * Besides the verdict for the whole input, both tests check every prefix:
 * MG_STRATUM_MORE up to some length, the final verdict from there on, as
 * if the input had been split into two packets at any byte. Where a case
 * names where it is decided, the final verdict must start exactly there:
 * that is where the hook stops waiting for more packets.
 *
 * Inputs stay on one line, however long, unless they split where checkpatch
 * lets a string split: after a '{', an escaped line end or a \x escape.
 */
#ifndef _MG_STRATUM_CASES_H
#define _MG_STRATUM_CASES_H

#include <linux/types.h>
#include <linux/string.h>
#include "stratum.h"

struct mg_stratum_case {
	const char *name;
	const char *buf;
	unsigned int len;
	enum mg_stratum_verdict verdict;
	/* Decided just past the first occurrence of this; NULL: unchecked. */
	const char *decided_after;
};

/* sizeof, not strlen, so that embedded NULs count towards the length. */
#define CASE(name, str, verdict, after) \
	{ name, str, sizeof(str) - 1, MG_STRATUM_##verdict, after }

static const struct mg_stratum_case mg_stratum_cases[] = {
	/* xmrig and other CryptoNote miners. */
	CASE("xmrig-login",
	     "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"login\",\"params\":{\"login\":\"48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD\",\"pass\":\"x\",\"agent\":\"XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/11.4.0\",\"algo\":[\"cn/1\",\"cn/2\",\"cn/r\",\"cn/fast\",\"cn/half\",\"cn/xao\",\"cn/rto\",\"cn/rwz\",\"cn/zls\",\"cn/double\",\"cn/ccx\",\"cn-lite/1\",\"cn-heavy/0\",\"cn-heavy/tube\",\"cn-heavy/xhv\",\"cn-pico\",\"cn-pico/tlo\",\"cn/upx2\",\"rx/0\",\"rx/wow\",\"rx/arq\",\"rx/graft\",\"rx/sfx\",\"rx/keva\",\"argon2/chukwa\",\"argon2/chukwav2\",\"argon2/ninja\",\"ghostrider\"]}}\n",
	     YES, "gcc/11.4.0\""),
	/* Decided by the last key: the whole line is needed. */
	CASE("xmrig-login-method-last",
	     "{\"id\":1,\"jsonrpc\":\"2.0\",\"params\":{\"algo\":[\"cn/1\",\"cn/2\",\"cn/r\",\"cn/fast\",\"cn/half\",\"cn/xao\",\"cn/rto\",\"cn/rwz\",\"cn/zls\",\"cn/double\",\"cn/ccx\",\"cn-lite/1\",\"cn-heavy/0\",\"cn-heavy/tube\",\"cn-heavy/xhv\",\"cn-pico\",\"cn-pico/tlo\",\"cn/upx2\",\"rx/0\",\"rx/wow\",\"rx/arq\",\"rx/graft\",\"rx/sfx\",\"rx/keva\",\"argon2/chukwa\",\"argon2/chukwav2\",\"argon2/ninja\",\"ghostrider\"],\"agent\":\"XMRig/6.21.0 (Linux x86_64) libuv/1.44.2 gcc/11.4.0\",\"pass\":\"x\",\"login\":\"48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD\",\"rigid\":\"\"},\"method\":\"login\"}\r\n",
	     YES, "\"method\":\"login\""),
	CASE("login-split",
	     "{\"params\":{\"login\":\"48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD\",\"pass\":\"x\",\"agent\":\"xmr-stak/2.10.8\"},\"id\":1,\"method\":\"login\"}\n",
	     YES, "\"method\":\"login\""),
	CASE("login-crlf",
	     "{\"method\":\"login\",\"params\":{"
	     "\"login\":\"w\",\"pass\":\"x\",\"agent\":\"a\"},\"id\":1}\r\n",
	     YES, NULL),
	CASE("login-keys-reversed",
	     "{\"params\":{\"agent\":\"a\",\"pass\":\"x\",\"login\":\"w\"},\"method\":\"login\",\"jsonrpc\":\"2.0\",\"id\":1}",
	     YES, NULL),
	CASE("login-cpuminer-spaces",
	     "{\"method\": \"login\", \"params\": {\"login\": \"48edfHu7V9Z84YzzMa6fUueoELZ9ZRXq9VetWzYGzKt52XU5xvqgzYnDK9URnRoJMk1j8nLwEVsaSWJ4fhdUyZijBGUicoD\", \"pass\": \"x\", \"agent\": \"cpuminer-multi/1.3.7\"}, \"id\": 1}\n",
	     YES, NULL),
	CASE("login-whitespace-everywhere",
	     " \r\n\t{ \"id\" : 1 ,\n \"method\"\t:\r\n"
	     " \"login\" , \"params\" :\n{\n\t\"login\" : \"w\" ,\n\t"
	     "\"pass\" : \"x\" ,\n\t\"agent\" : \"a\"\n}\n}\n",
	     YES, NULL),
	CASE("login-escaped-key",
	     "{\"\\u006dethod\":\"login\",\"params\":{"
	     "\"log\\u0069n\":\"w\",\"pass\":\"x\",\"agent\":\"a\"}}",
	     YES, NULL),
	CASE("login-escaped-method",
	     "{\"method\":\"\\u006C\\u006f\\u0067in\",\"params\":{"
	     "\"login\":\"w\",\"pass\":\"x\",\"agent\":\"a\"}}",
	     YES, NULL),
	CASE("login-escapes-in-values",
	     "{\"method\":\"login\",\"params\":{\"login\":\"a\\\"b\\\\\",\"pass\":\"\\n\\t\\/\\b\\f\\r\\u00e9\",\"agent\":\"\\\"method\\\":\\\"x\\\"\"}}",
	     YES, NULL),
	CASE("login-other-params-first",
	     "{\"method\":\"login\",\"params\":{\"algo\":[\"rx/0\"],\"x\":{"
	     "\"login\":1},\"login\":\"w\",\"pass\":\"x\",\"agent\":\"a\"}}",
	     YES, NULL),
	CASE("login-decided-before-end",
	     "{\"method\":\"login\",\"params\":{"
	     "\"login\":\"w\",\"pass\":\"x\",\"agent\":\"a\"",
	     YES, "\"agent\":\"a\""),
	CASE("xmrig-submit",
	     "{\"id\":4,\"jsonrpc\":\"2.0\",\"method\":\"submit\",\"params\":{\"id\":\"4a6f2d3c-1b7e-4f0a-9c8d-2e5f6a7b8c9d\",\"job_id\":\"kK0bGbyt3VBpQjHb8mqDCoiATWSv\",\"nonce\":\"c4030000\",\"result\":\"8b2c3c3f1f0b3e6f2e5d4c3b2a19080706050403020100ffeeddccbbaa998877\",\"algo\":\"rx/0\"}}\n",
	     YES, NULL),
	CASE("xmrig-keepalived",
	     "{\"id\":5,\"jsonrpc\":\"2.0\",\"method\":\"keepalived\",\"params\":{\"id\":\"4a6f2d3c-1b7e-4f0a-9c8d-2e5f6a7b8c9d\"}}\n",
	     YES, NULL),
	CASE("getjob",
	     "{\"id\":6,\"jsonrpc\":\"2.0\",\"method\":\"getjob\",\"params\":{"
	     "\"id\":\"4a6f2d3c-1b7e-4f0a-9c8d-2e5f6a7b8c9d\"}}\n",
	     YES, NULL),
	CASE("keepalived-params-first",
	     "{\"params\":{\"id\":\"4a6f2d3c-1b7e-4f0a-9c8d-2e5f6a7b8c9d\"},\"method\":\"keepalived\"}\n",
	     YES, "\"keepalived\""),

	/* The mining.* family: stratum v1 and EthereumStratum. */
	CASE("mining-subscribe",
	     "{\"id\": 1, \"method\": \"mining.subscribe\", \"params\": [\"cpuminer/2.5.1\"]}\n",
	     YES, "\"mining.subscribe\""),
	CASE("mining-subscribe-nicehash",
	     "{\"id\": 1, \"method\": \"mining.subscribe\", \"params\": [\"ethminer/0.19.0\", \"EthereumStratum/1.0.0\"]}\n",
	     YES, NULL),
	CASE("mining-authorize",
	     "{\"id\": 2, \"method\": \"mining.authorize\", \"params\": [\"bc1qworker.rig1\", \"x\"]}\n",
	     YES, NULL),
	CASE("mining-submit-method-last",
	     "{\"params\": [\"bc1qworker.rig1\", \"4f\", \"00000000\", \"5f5e1000\", \"1a2b3c4d\"], \"id\": 4, \"method\": \"mining.submit\"}\n",
	     YES, NULL),
	CASE("mining-notify",
	     "{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"4f\",\"4d16b6f85af6e2198f44ae2a6de67f78487ae5611b77c6c0440b921e00000000\",\"01000000010000\",\"072f736c7573682f00000000\",[],\"20000000\",\"1703a30c\",\"5f5e1000\",true]}\n",
	     YES, NULL),
	CASE("mining-configure",
	     "{\"method\":\"mining.configure\",\"id\":1,\"params\":[[\"version-rolling\"],{\"version-rolling.mask\":\"1fffe000\",\"version-rolling.min-bit-count\":2}]}\n",
	     YES, NULL),
	CASE("mining-extranonce-subscribe",
	     "{\"id\":3,\"method\":\"mining.extranonce.subscribe\",\"params\":[]}\n",
	     YES, NULL),
	CASE("mining-escaped-dot",
	     "{\"method\":\"mining\\u002esubscribe\"}",
	     YES, NULL),
	CASE("mining-partial-line",
	     "{\"id\":1,\"method\":\"mining.x\"",
	     YES, "\"mining.x\""),
	CASE("two-lines",
	     "{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[]}\n{\"id\":2,\"method\":\"mining.authorize\",\"params\":[\"w\",\"x\"]}\n",
	     YES, "\"mining.subscribe\""),
	CASE("leading-blank-lines",
	     "\r\n\n  \r\n{\"id\":1,\"method\":\"mining.subscribe\"}\r\n",
	     YES, NULL),
	CASE("duplicate-method-key",
	     "{\"method\":\"eth_blockNumber\",\"method\":\"mining.submit\"}",
	     YES, "\"mining.submit\""),
	CASE("deep-after-decision",
	     "{\"method\":\"mining.submit\",\"params\":[[[[[[[[[[[[[[[[[[[[",
	     YES, "\"mining.submit\""),

	/* EthProxy (ethash/etchash pools). */
	CASE("eth-submitlogin",
	     "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"eth_submitLogin\",\"params\":[\"0xb85150eb365e7df0941f0cf08235f987ba91506a\",\"x\"],\"worker\":\"rig1\"}\n",
	     YES, "\"eth_submitLogin\""),
	CASE("eth-getwork",
	     "{\"id\":2,\"jsonrpc\":\"2.0\",\"method\":\"eth_getWork\",\"params\":[]}\n",
	     YES, NULL),
	CASE("eth-submitwork",
	     "{\"id\":3,\"jsonrpc\":\"2.0\",\"method\":\"eth_submitWork\",\"params\":[\"0x0000000000000001\",\"0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef\",\"0xd1fe5700000000000000000000000000d1fe5700000000000000000000000000\"]}\n",
	     YES, NULL),
	CASE("eth-submithashrate",
	     "{\"id\":4,\"jsonrpc\":\"2.0\",\"method\":\"eth_submitHashrate\",\"params\":[\"0x500000\",\"0x59daa26581d0acd1fce254fb7e85952f4c09d0915afd33d3886cd914bc7d283c\"]}\n",
	     YES, NULL),

	/* The login rule: a "login" method needs the stratum params. */
	CASE("login-without-agent",
	     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"login\",\"params\":{"
	     "\"login\":\"alice\",\"pass\":\"hunter2\"}}\n",
	     NO, "\"hunter2\"}}"),
	CASE("login-user-password",
	     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"login\",\"params\":{\"user\":\"alice\",\"password\":\"hunter2\",\"agent\":\"app/1.0\"}}\n",
	     NO, NULL),
	CASE("login-params-array",
	     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"login\",\"params\":[\"login\",\"pass\",\"agent\"]}\n",
	     NO, NULL),
	CASE("login-agent-not-string",
	     "{\"method\":\"login\",\"params\":{"
	     "\"login\":\"w\",\"pass\":\"x\",\"agent\":{\"name\":\"a\"}}}",
	     NO, NULL),
	CASE("login-keys-nested",
	     "{\"method\":\"login\",\"params\":{\"credentials\":{"
	     "\"login\":\"w\",\"pass\":\"x\",\"agent\":\"a\"}}}",
	     NO, NULL),
	CASE("login-keys-top-level",
	     "{\"method\":\"login\",\"login\":\"w\",\"pass\":\"x\",\"agent\":\"a\"}",
	     NO, NULL),
	CASE("login-keys-in-other-object",
	     "{\"method\":\"login\",\"options\":{"
	     "\"login\":\"w\",\"pass\":\"x\",\"agent\":\"a\"},\"params\":{}}",
	     NO, NULL),
	CASE("login-keys-in-values",
	     "{\"method\":\"login\",\"params\":{\"note\":\"\\\"login\\\":\\\"w\\\",\\\"pass\\\":\\\"x\\\",\\\"agent\\\":\\\"a\\\"\"}}",
	     NO, NULL),
	CASE("login-method-not-top-level",
	     "{\"method\":\"auth\",\"params\":{\"method\":\"login\",\"login\":\"w\",\"pass\":\"x\",\"agent\":\"a\"}}",
	     NO, NULL),
	CASE("submit-form",
	     "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"submit\",\"params\":{"
	     "\"form\":\"signup\",\"email\":\"a@example.org\"}}\n",
	     NO, NULL),
	CASE("submit-without-result",
	     "{\"method\":\"submit\",\"params\":{"
	     "\"id\":\"s\",\"job_id\":\"j\",\"nonce\":\"n\"}}",
	     NO, NULL),
	CASE("getjob-without-params",
	     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getjob\"}\n",
	     NO, NULL),
	CASE("getjob-numeric-id",
	     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getjob\",\"params\":{\"id\":42}}\n",
	     NO, NULL),
	CASE("keepalived-params-array",
	     "{\"method\":\"keepalived\",\"params\":[\"s\"]}",
	     NO, NULL),

	/* Names must match exactly. */
	CASE("mining-capitalised",
	     "{\"method\":\"Mining.subscribe\"}",
	     NO, NULL),
	CASE("mining-upper-case",
	     "{\"method\":\"MINING.SUBSCRIBE\"}",
	     NO, NULL),
	CASE("mining-dot-only",
	     "{\"method\":\"mining.\"}",
	     NO, NULL),
	CASE("mining-no-dot",
	     "{\"method\":\"mining\"}",
	     NO, NULL),
	CASE("mining-prefixed",
	     "{\"method\":\"xmining.subscribe\"}",
	     NO, NULL),
	CASE("mining-unicode-dot",
	     "{\"method\":\"mining\\u2024x\"}",
	     NO, NULL),
	CASE("eth-submitlogin-lower",
	     "{\"method\":\"eth_submitlogin\"}",
	     NO, NULL),
	CASE("login-with-space",
	     "{\"method\":\"login \",\"params\":{"
	     "\"login\":\"w\",\"pass\":\"x\",\"agent\":\"a\"}}",
	     NO, NULL),
	CASE("method-not-string",
	     "{\"method\":[\"mining.subscribe\"]}",
	     NO, NULL),

	/* Where "method" is not the top-level key. */
	CASE("method-inside-string",
	     "{\"id\":1,\"comment\":\"\\\"method\\\":\\\"mining.subscribe\\\"\",\"method\":\"eth_blockNumber\"}\n",
	     NO, NULL),
	CASE("method-after-escaped-backslash",
	     "{\"note\":\"ends in a backslash \\\\\",\"method\":\"eth_chainId\",\"x\":\"\\\\\\\"method\\\\\\\":\\\\\\\"mining.x\"}",
	     NO, NULL),
	CASE("method-in-params-object",
	     "{\"params\":{\"method\":\"mining.submit\"},\"method\":\"x\"}",
	     NO, NULL),
	CASE("method-in-params-array",
	     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[{\"method\":\"mining.subscribe\"}]}",
	     NO, NULL),
	CASE("method-in-nested-object",
	     "{\"x\":{\"method\":\"mining.subscribe\"}}",
	     NO, NULL),
	/* The first object decides; the connection does not wait for more. */
	CASE("first-object-decides",
	     "{\"id\":0,\"method\":\"hello\"}\n{"
	     "\"id\":1,\"method\":\"mining.subscribe\",\"params\":[]}\n",
	     NO, "\"hello\"}"),
	CASE("response",
	     "{\"id\":1,\"result\":true,\"error\":null}\n",
	     NO, NULL),
	CASE("empty-object-alone",
	     "{}",
	     NO, "{}"),
	CASE("empty-object",
	     "{}\n{\"method\":\"mining.subscribe\"}",
	     NO, "{}"),

	/* Ordinary JSON-RPC: LSP and Ethereum node calls. */
	CASE("lsp-initialize-with-header",
	     "Content-Length: 107\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"rootUri\":null,\"capabilities\":{}}}",
	     NO, "C"),
	CASE("lsp-initialize",
	     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":4242,\"clientInfo\":{\"name\":\"vim\",\"version\":\"9.0\"},\"rootUri\":\"file:///src\",\"capabilities\":{\"textDocument\":{\"completion\":{\"dynamicRegistration\":false}}},\"trace\":\"off\"}}",
	     NO, NULL),
	CASE("lsp-didopen",
	     "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///src/main.c\",\"languageId\":\"c\",\"version\":1,\"text\":\"int main(void)\\n{\\n\\treturn 0;\\n}\\n\"}}}",
	     NO, NULL),
	CASE("lsp-completion",
	     "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":{\"uri\":\"file:///src/main.c\"},\"position\":{\"line\":3,\"character\":-1.5e+2}}}\r\n",
	     NO, NULL),
	CASE("eth-blocknumber",
	     "{\"jsonrpc\":\"2.0\",\"method\":\"eth_blockNumber\",\"params\":[],\"id\":83}\n",
	     NO, NULL),
	CASE("eth-getbalance",
	     "{\"jsonrpc\":\"2.0\",\"method\":\"eth_getBalance\",\"params\":[\"0x407d73d8a49eeb85d32cf465507dd71d507100c1\",\"latest\"],\"id\":1}\n",
	     NO, NULL),
	CASE("net-version",
	     "{\"jsonrpc\":\"2.0\",\"method\":\"net_version\",\"params\":[],\"id\":67}\n",
	     NO, NULL),
	CASE("eth-call",
	     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[{\"to\":\"0x6b175474e89094c44da98b954eedeac495271d0f\",\"data\":\"0x70a08231\"},\"latest\"]}\n",
	     NO, NULL),
	CASE("eth-subscribe",
	     "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}\n",
	     NO, NULL),
	CASE("web3-clientversion",
	     "{\"jsonrpc\":\"2.0\",\"method\":\"web3_clientVersion\",\"params\":[],\"id\":67}",
	     NO, NULL),

	/* Other protocols. */
	CASE("http-get",
	     "GET / HTTP/1.1\r\nHost: pool.example.org\r\n\r\n",
	     NO, "G"),
	CASE("http-post-stratum-body",
	     "POST / HTTP/1.1\r\nContent-Type: application/json\r\n"
	     "Content-Length: 36\r\n\r\n{"
	     "\"id\":1,\"method\":\"mining.subscribe\"}",
	     NO, NULL),
	CASE("http-connect",
	     "CONNECT pool.example.org:3333 HTTP/1.1\r\n\r\n",
	     NO, NULL),
	CASE("http2-preface",
	     "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
	     NO, NULL),
	CASE("tls-clienthello",
	     "\x16\x03\x01\x00\xf8\x01\x00\x00\xf4\x03\x03\x5e\x7f\x23\x11"
	     "\x8a\x9b\x0c\x44\x31\xd2\xe6\x7b\x90\x12\x3a\x44\x5b\x66\x7c"
	     "\x81\x92\xa3\xb4\xc5\xd6\xe7\xf8\x09\x1a\x2b\x3c\x4d\x20\xe0"
	     "\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef"
	     "\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe"
	     "\xff\x00\x08\x13\x02\x13\x03\x13\x01\x00\xff\x01\x00",
	     NO, "\x16"),
	CASE("ssh-banner",
	     "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n",
	     NO, NULL),
	CASE("redis-ping",
	     "*1\r\n$4\r\nPING\r\n",
	     NO, NULL),
	CASE("random-bytes",
	     "\xa1\x5c\xd7\x38\x5e\x20\x24\xb6\x3c\x6f\x18\x31\x83\x70\x5f"
	     "\x7f\xf0\x7b\x02\x84\x4b\x98\xc5\xc8\x4f\xad\xc2\x79\x8d\x0f"
	     "\xba\x5a\xdd\x8b\x57\x3f\x5e\x03\xa2\xb1\xba\x57\x4a\x52\x2e"
	     "\x41\x73\x81\x39\xd0\x2f\x24\x4a\xbc\x55\xf4\x09\xa0\x4a\xfe"
	     "\xc8\x66\xe1\xde",
	     NO, NULL),
	CASE("random-after-brace",
	     "\x7b\x58\xc2\x00\x34\x19\x39\x80\x36\xf0\x9a\x31\xec\xf5\x88"
	     "\x55\xc5\x7d\xef\xf7\x04\xfb\x41\x38\x26\xa7\xf9\x53\x69\x4c"
	     "\xfb\x7d\x10\x7a\x30\x2c\x82\xe1\x11\xb8\x86\xb8\xf0\x8d\xae"
	     "\x41\x91\xdd\x79",
	     NO, "{\x58"),
	CASE("utf8-bom",
	     "\xef\xbb\xbf{\"method\":\"mining.subscribe\"}",
	     NO, NULL),
	CASE("batch",
	     "[{\"id\":1,\"method\":\"mining.subscribe\"}]",
	     NO, NULL),
	CASE("top-level-string",
	     "\"mining.subscribe\"\n",
	     NO, NULL),
	CASE("top-level-number",
	     "1\n",
	     NO, NULL),

	/* JSON syntax errors. */
	CASE("missing-colon",
	     "{\"method\" \"mining.subscribe\"}",
	     NO, NULL),
	CASE("unquoted-key",
	     "{method:\"mining.subscribe\"}",
	     NO, NULL),
	CASE("single-quotes",
	     "{'method':'mining.subscribe'}",
	     NO, NULL),
	CASE("trailing-comma-object",
	     "{\"id\":1,}",
	     NO, NULL),
	CASE("trailing-comma-array",
	     "{\"a\":[1,]}",
	     NO, NULL),
	CASE("missing-comma",
	     "{\"id\":1 \"method\":\"mining.x\"}",
	     NO, "1 \""),
	CASE("control-char-in-string",
	     "{\"method\":\"mining.\x01x\"}",
	     NO, NULL),
	CASE("raw-newline-in-string",
	     "{\"method\":\"mining.\nx\"}",
	     NO, NULL),
	CASE("bad-escape",
	     "{\"a\":\"\\x41\",\"method\":\"mining.x\"}",
	     NO, NULL),
	CASE("bad-unicode-escape",
	     "{\"a\":\"\\u12g4\"}",
	     NO, NULL),
	CASE("leading-zero",
	     "{\"id\":01}",
	     NO, NULL),
	CASE("plus-sign",
	     "{\"id\":+1}",
	     NO, NULL),
	CASE("bare-fraction",
	     "{\"id\":.5}",
	     NO, NULL),
	CASE("dot-without-digits",
	     "{\"id\":1.}",
	     NO, NULL),
	CASE("exponent-without-digits",
	     "{\"id\":1e}",
	     NO, NULL),
	CASE("minus-alone",
	     "{\"id\":-}",
	     NO, NULL),
	CASE("bad-literal",
	     "{\"id\":nul}",
	     NO, NULL),
	CASE("literal-run-on",
	     "{\"id\":truex}",
	     NO, NULL),
	CASE("bracket-mismatch-array",
	     "{\"a\":[1}",
	     NO, NULL),
	CASE("bracket-mismatch-object",
	     "{\"a\":{\"b\":1]}",
	     NO, NULL),
	CASE("nul-byte",
	     "{\x00\"method\":\"mining.x\"}",
	     NO, NULL),
	CASE("nul-in-string",
	     "{\"method\":\"mining.\x00\"}",
	     NO, NULL),
	CASE("too-deep",
	     "{\"a\":[[[[[[[[[[[[[[[[\"mining.subscribe\"]]]]]]]]]]]]]]]]}",
	     NO, "[[[[[[[[[[[[[[[["),
	/* Depth 17, one more than MG_STRATUM_MAX_DEPTH. */
	CASE("too-deep-open",
	     "{\"a\":[[[[[[[[[[[[[[[[",
	     NO, "[[[[[[[[[[[[[[[["),

	/* Valid prefixes that do not decide yet. */
	CASE("empty",
	     "",
	     MORE, NULL),
	CASE("space",
	     " ",
	     MORE, NULL),
	CASE("newline",
	     "\n",
	     MORE, NULL),
	CASE("crlf-only",
	     "\r\n",
	     MORE, NULL),
	CASE("brace",
	     "{",
	     MORE, NULL),
	CASE("open-key",
	     "{\"",
	     MORE, NULL),
	CASE("key",
	     "{\"method\"",
	     MORE, NULL),
	CASE("colon",
	     "{\"method\":",
	     MORE, NULL),
	CASE("open-method",
	     "{\"method\":\"mining.subscr",
	     MORE, NULL),
	CASE("method-benign-open",
	     "{\"id\":1,\"method\":\"initialize\"",
	     MORE, NULL),
	CASE("login-incomplete",
	     "{\"method\":\"login\",\"params\":{"
	     "\"login\":\"w\",\"pass\":\"x\",\"agent\":\"a",
	     MORE, NULL),
	CASE("number-open",
	     "{\"id\":12",
	     MORE, NULL),
	CASE("negative-open",
	     "{\"id\":-",
	     MORE, NULL),
	CASE("fraction-open",
	     "{\"id\":1.",
	     MORE, NULL),
	CASE("exponent-open",
	     "{\"id\":1e+",
	     MORE, NULL),
	CASE("literal-open",
	     "{\"ok\":tr",
	     MORE, NULL),
	CASE("escape-open",
	     "{\"s\":\"\\",
	     MORE, NULL),
	CASE("unicode-escape-open",
	     "{\"s\":\"\\u00",
	     MORE, NULL),
	CASE("max-depth",
	     "{\"a\":[[[[[[[[[[[[[[[\"mining.subscribe\"]]]]]]]]]]]]]]]",
	     MORE, NULL),

	/* One byte. */
	CASE("one-byte-get",
	     "G",
	     NO, NULL),
	CASE("one-byte-tls",
	     "\x16",
	     NO, NULL),
	CASE("one-byte-nul",
	     "\x00",
	     NO, NULL),
	CASE("one-byte-bracket",
	     "[",
	     NO, NULL),
	CASE("one-byte-close",
	     "}",
	     NO, NULL),
	CASE("one-byte-quote",
	     "\"",
	     NO, NULL),
	CASE("one-byte-high",
	     "\xff",
	     NO, NULL),
};

#undef CASE

/*
 * Inputs longer than a literal should be: @head, @count times @fill, then
 * @tail, built by mg_stratum_build().
 */
struct mg_stratum_long_case {
	const char *name;
	const char *head;
	char fill;
	unsigned int count;
	const char *tail;
	enum mg_stratum_verdict verdict;
	unsigned int decided_at;	/* prefix length; 0: unchecked */
};

#define MG_STRATUM_PAD_HEAD "{\"id\":1,\"pad\":\""
#define MG_STRATUM_PAD_TAIL "\",\"method\":\"mining.subscribe\"}"

static const struct mg_stratum_long_case mg_stratum_long_cases[] = {
	{ "almost-max-prefix", "", ' ', MG_STRATUM_MAX_PREFIX - 2, "{",
	  MG_STRATUM_MORE, 0 },
	{ "overlong-whitespace", "", ' ', MG_STRATUM_MAX_PREFIX,
	  "{\"method\":\"mining.x\"}", MG_STRATUM_NO, MG_STRATUM_MAX_PREFIX },
	{ "overlong-padding", MG_STRATUM_PAD_HEAD, 'x', MG_STRATUM_MAX_PREFIX,
	  MG_STRATUM_PAD_TAIL "\n", MG_STRATUM_NO, MG_STRATUM_MAX_PREFIX },
	{ "overlong-open-string", "{\"a\":\"", 'x', MG_STRATUM_MAX_PREFIX, "",
	  MG_STRATUM_NO, MG_STRATUM_MAX_PREFIX },
	{ "long-tail-after-decision", "{\"method\":\"mining.subscribe\"", ' ',
	  2 * MG_STRATUM_MAX_PREFIX, "}", MG_STRATUM_YES, 28 },
	{ "long-login",
	  "{\"method\":\"login\",\"params\":{"
	  "\"pass\":\"x\",\"agent\":\"a\",\"login\":\"", 'w', 900, "\"}}\n", MG_STRATUM_YES, 961 },
	/*
	 * 15 bytes of head, the x's, then the quote that decides at offset
	 * 28 of the tail: byte 1023, the last one looked at, or byte 1024.
	 */
	{ "limit-last-byte", MG_STRATUM_PAD_HEAD, 'x',
	  MG_STRATUM_MAX_PREFIX - 44, MG_STRATUM_PAD_TAIL, MG_STRATUM_YES,
	  MG_STRATUM_MAX_PREFIX },
	{ "limit-past-last-byte", MG_STRATUM_PAD_HEAD, 'x',
	  MG_STRATUM_MAX_PREFIX - 43, MG_STRATUM_PAD_TAIL, MG_STRATUM_NO,
	  MG_STRATUM_MAX_PREFIX },
};

#undef MG_STRATUM_PAD_HEAD
#undef MG_STRATUM_PAD_TAIL

/* Room for the longest of mg_stratum_long_cases. */
#define MG_STRATUM_LONG_MAX (3 * MG_STRATUM_MAX_PREFIX)

/* Writes @c into @buf, which holds MG_STRATUM_LONG_MAX bytes. */
static inline unsigned int mg_stratum_build(char *buf,
					    const struct mg_stratum_long_case *c)
{
	size_t head = strlen(c->head), tail = strlen(c->tail);

	if (head + c->count + tail > MG_STRATUM_LONG_MAX)
		return 0;
	memcpy(buf, c->head, head);
	memset(buf + head, c->fill, c->count);
	memcpy(buf + head + c->count, c->tail, tail);
	return head + c->count + tail;
}

/*
 * Prefix length just past the first c->decided_after in the input: 0 if
 * that is NULL, ~0U if it is not there (a broken case, which then fails).
 */
static inline unsigned int
mg_stratum_decided_at(const struct mg_stratum_case *c)
{
	size_t n;
	unsigned int i;

	if (!c->decided_after)
		return 0;
	n = strlen(c->decided_after);
	for (i = 0; i + n <= c->len; i++)
		if (!memcmp(c->buf + i, c->decided_after, n))
			return i + n;
	return ~0U;
}

/* Random bytes for the random-input test: a fixed xorshift sequence. */
static inline void mg_stratum_random(u32 *state, char *buf, unsigned int len)
{
	unsigned int i;
	u32 x = *state;

	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = x >> 24;
	}
	*state = x;
}

enum {
	MG_STRATUM_RANDOM_INPUTS = 2000,
	MG_STRATUM_RANDOM_MAX_LEN = 64,
};

#endif /* _MG_STRATUM_CASES_H */

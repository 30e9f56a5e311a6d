/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Recognises the stratum mining protocol in the first bytes a TCP
 * connection sends.
 *
 * The input is the start of the byte stream (the payload of the first
 * packets, concatenated). It must begin, after optional JSON whitespace,
 * with a JSON object; that first object alone decides (stratum clients
 * always open with one of the requests below, so a connection whose first
 * request is something else is not stratum). Whitespace, \n and \r\n line
 * ends included, may appear anywhere JSON allows it; keys may come in any
 * order; keys and strings are compared after decoding their escapes, so
 * "\u006dethod" is "method" and a "method" inside another string is not a
 * key.
 *
 * The answer is MG_STRATUM_YES when the object has a top-level "method"
 * whose string value is:
 *
 *  - "mining." followed by at least one byte: the stratum v1 family
 *    (mining.subscribe, mining.authorize, mining.submit, mining.notify,
 *    mining.configure, mining.extranonce.subscribe, ...), NiceHash's
 *    EthereumStratum included;
 *  - "eth_submitLogin", "eth_getWork", "eth_submitWork" or
 *    "eth_submitHashrate": EthProxy, the ethash/etchash pool protocol.
 *    These are the mining calls of the Ethereum node API, which nodes
 *    serve over HTTP or WebSocket only, and an HTTP request is never
 *    stratum here; ordinary node calls (eth_blockNumber, ...) are not
 *    mining calls;
 *  - one of the CryptoNote pool methods (xmrig and the like), whose names
 *    are common words, so they count only with the shape of their "params",
 *    an object with these keys directly in it, each with a string value:
 *      login        login, pass and agent
 *      submit       id, job_id, nonce and result
 *      keepalived   id
 *      getjob       id
 *    A "login" call of some other API that sends no agent is not stratum;
 *    neither is a miner that leaves out agent (the other signals still see
 *    it).
 *
 * Names are compared exactly, case included. YES is returned as soon as
 * the bytes so far decide it, even before the object is complete.
 *
 * The answer is MG_STRATUM_NO as soon as the bytes cannot be such an
 * object: anything but whitespace before the first '{' (HTTP, TLS, SSH,
 * binary data), a JSON syntax error, containers nested deeper than
 * MG_STRATUM_MAX_DEPTH, or the first object closing without a stratum
 * method. Stratum over TLS, and stratum v2 (binary and encrypted), are NO:
 * they are invisible at this level.
 *
 * MG_STRATUM_MORE means the bytes are a valid prefix of such an object
 * that does not decide yet: call again with more bytes appended. At most
 * MG_STRATUM_MAX_PREFIX bytes are looked at; if they do not decide, the
 * answer is NO, so MORE is only returned for fewer bytes than that. 1024
 * bytes hold a whole xmrig login (about 600 bytes with its list of
 * algorithms) even with "method" last.
 *
 * Every answer other than MORE is final: the answer for any longer input
 * that starts with the same bytes is the same. The work is linear in the
 * bytes looked at; nothing is read past @len.
 *
 * Pure code: no hooks, locks, clocks or allocation.
 */
#ifndef _MG_STRATUM_H
#define _MG_STRATUM_H

#include <linux/types.h>

enum mg_stratum_verdict {
	MG_STRATUM_NO,
	MG_STRATUM_MORE,
	MG_STRATUM_YES,
};

enum {
	MG_STRATUM_MAX_PREFIX = 1024,
	MG_STRATUM_MAX_DEPTH = 16,
};

enum mg_stratum_verdict mg_stratum_classify(const void *buf, unsigned int len);

#endif /* _MG_STRATUM_H */

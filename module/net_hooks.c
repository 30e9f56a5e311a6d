// SPDX-License-Identifier: GPL-2.0
/*
 * netfilter glue: the first bytes each local TCP connection sends, handed
 * to the stratum classifier (stratum.c says what counts).
 *
 * One LOCAL_OUT hook per protocol family is registered in every network
 * namespace, present and future, through pernet operations. A packet is
 * looked at only if it carries the connection's first payload bytes: the
 * first data the socket ever sent (tcp_sock.bytes_sent is then exactly this
 * packet's payload), or the next bytes of a connection whose prefix did not
 * decide yet. Such a connection is followed in a small table, its prefix
 * kept there, until the classifier decides, MG_STRATUM_MAX_PREFIX bytes
 * have been seen or it stays silent for MG_NET_PENDING_S; every other
 * packet costs a few loads. A connection judged stratum counts one hit for
 * the job of the socket's cgroup; with stratum_action=drop in enforce mode
 * (and the job not allowlisted) it stays in the table and every packet of
 * it that carries data is dropped, so that its login never arrives, until
 * the socket closes.
 *
 * Hooks run in process or softirq context: the table is under a spinlock
 * that disables bottom halves, and the first-packet path, lock-free, uses
 * a per-CPU buffer with bottom halves off. Hits are folded into the job
 * table by the tick.
 */
#include <linux/bsearch.h>
#include <linux/cgroup.h>
#include <linux/jiffies.h>
#include <linux/kobject.h>
#include <linux/ktime.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/tcp.h>
#include <linux/vmalloc.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include "cgroups.h"
#include "net_hooks.h"
#include "policy.h"
#include "stratum.h"
#include "sysfs.h"

enum {
	MG_NET_CONNS = 128,		/* connections followed at once */
	MG_NET_HIT_JOBS = 64,		/* jobs with new hits per tick */
	MG_NET_PENDING_S = 10,		/* undecided that long: not stratum */
	MG_NET_ALLOWED_MAX = 1024,	/* allowlisted jobs known to the hook */
};

enum mg_net_conn_state {
	MG_NET_FREE,
	MG_NET_PENDING,			/* prefix so far undecided */
	MG_NET_DROPPING,		/* stratum: data packets dropped */
};

struct mg_net_conn {
	struct sock *sk;		/* holds a reference */
	u64 job_id;
	unsigned long last_jiffies;	/* of its last packet */
	u32 next_seq;			/* sequence number after buf */
	u16 len;
	u8 state;
	u8 buf[MG_STRATUM_MAX_PREFIX];
};

struct mg_net_hit {
	u64 job_id;			/* 0: free */
	u64 hits;
};

struct mg_net_table {
	struct mg_net_hit hits[MG_NET_HIT_JOBS];
	struct mg_net_conn conns[MG_NET_CONNS];
};

/* Job ids sorted for bsearch; the tick fills one while hooks read the other. */
struct mg_net_allowed {
	u64 ids[MG_NET_ALLOWED_MAX];
	unsigned int count;
	/* More jobs than fit, or none listed yet: drop nothing. */
	bool overflow;
};

struct mg_net_scratch {
	u8 buf[MG_STRATUM_MAX_PREFIX];
};

static DEFINE_SPINLOCK(mg_net_lock);
static struct mg_net_table *mg_net;
static unsigned int mg_net_used;	/* conns in use; read without the lock */
static struct mg_net_scratch __percpu *mg_net_scratch;
static struct mg_net_allowed *mg_net_allowed;	/* two of them */
static unsigned int mg_net_allowed_active;
static struct mg_net_hit mg_net_drained[MG_NET_HIT_JOBS];	/* tick only */
static struct sock *mg_net_reaped[MG_NET_CONNS];		/* tick only */
static bool mg_net_registered;

static atomic64_t mg_net_inspected = ATOMIC64_INIT(0);
static atomic64_t mg_net_inspect_ns = ATOMIC64_INIT(0);
static atomic64_t mg_net_dropped = ATOMIC64_INIT(0);
static atomic64_t mg_net_untracked = ATOMIC64_INIT(0);
static atomic64_t mg_net_hits_lost = ATOMIC64_INIT(0);

static int mg_net_cmp_id(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Whether policy lets the hook drop a stratum connection of @job_id. */
static bool mg_net_may_drop(u64 job_id)
{
	const struct mg_net_allowed *allowed;

	if (mg_policy_get(MG_KNOB_STRATUM_ACTION) != MG_STRATUM_ACTION_DROP ||
	    mg_policy_mode() != MG_MODE_ENFORCE)
		return false;
	/* Pairs with smp_store_release() in mg_net_hooks_allow_publish(). */
	allowed = &mg_net_allowed[smp_load_acquire(&mg_net_allowed_active)];
	if (READ_ONCE(allowed->overflow))
		return false;
	return !bsearch(&job_id, allowed->ids, READ_ONCE(allowed->count),
			sizeof(u64), mg_net_cmp_id);
}

/* The job of the socket's cgroup, or 0 if it cannot be told. */
static u64 mg_net_job_of(struct sock *sk)
{
	struct cgroup *cgrp;
	u64 job_id = 0;

	rcu_read_lock();
#ifdef CONFIG_SOCK_CGROUP_DATA
	cgrp = sock_cgroup_ptr(&sk->sk_cgrp_data);
#else
	/* The first bytes go out from the sender's write, in its task. */
	cgrp = in_task() ? task_dfl_cgroup(current) : NULL;
#endif
	if (cgrp)
		job_id = cgroup_id(mg_cgroups_job_of(cgrp,
				   mg_policy_get(MG_KNOB_JOB_DEPTH)));
	rcu_read_unlock();
	return job_id;
}

/* A packet read and classified, and the time that took since @start_ns. */
static void mg_net_count_inspected(u64 start_ns)
{
	atomic64_inc(&mg_net_inspected);
	atomic64_add(ktime_get_ns() - start_ns, &mg_net_inspect_ns);
}

/* Context: mg_net_lock held. */
static void mg_net_hit_locked(u64 job_id)
{
	struct mg_net_hit *hit;
	int i;

	for (i = 0; i < MG_NET_HIT_JOBS; i++) {
		hit = &mg_net->hits[i];
		if (hit->job_id == job_id || !hit->job_id) {
			hit->job_id = job_id;
			hit->hits++;
			return;
		}
	}
	atomic64_inc(&mg_net_hits_lost);
}

static struct mg_net_conn *mg_net_find_locked(const struct sock *sk)
{
	int i;

	for (i = 0; i < MG_NET_CONNS; i++)
		if (mg_net->conns[i].sk == sk)
			return &mg_net->conns[i];
	return NULL;
}

/*
 * Lets go of an entry. The socket is sending this very packet, or has
 * closed and been reaped by the tick, so this is rarely the last
 * reference; when it is, freeing waits for the skbs still in flight.
 */
static void mg_net_release_locked(struct mg_net_conn *conn)
{
	sock_put(conn->sk);
	conn->sk = NULL;
	conn->state = MG_NET_FREE;
	WRITE_ONCE(mg_net_used, mg_net_used - 1);
}

/*
 * An entry for @sk: its stale one (the address of a freed socket reused),
 * else a free one, else the pending one idle longest. NULL if every entry
 * drops a live stratum connection, or the socket is being freed.
 */
static struct mg_net_conn *mg_net_track_locked(struct sock *sk, u64 job_id)
{
	struct mg_net_conn *conn = mg_net_find_locked(sk), *oldest = NULL;
	int i;

	if (conn) {
		mg_net_release_locked(conn);
	} else {
		for (i = 0; i < MG_NET_CONNS; i++) {
			conn = &mg_net->conns[i];
			if (conn->state == MG_NET_FREE)
				break;
			if (conn->state == MG_NET_PENDING &&
			    (!oldest || time_before(conn->last_jiffies,
						    oldest->last_jiffies)))
				oldest = conn;
			conn = NULL;
		}
		if (!conn && oldest) {
			mg_net_release_locked(oldest);
			conn = oldest;
		}
	}
	if (!conn || !refcount_inc_not_zero(&sk->sk_refcnt)) {
		atomic64_inc(&mg_net_untracked);
		return NULL;
	}
	conn->sk = sk;
	conn->job_id = job_id;
	conn->last_jiffies = jiffies;
	conn->len = 0;
	WRITE_ONCE(mg_net_used, mg_net_used + 1);
	return conn;
}

/* A stratum connection: counted, and in drop mode remembered and dropped. */
static unsigned int mg_net_stratum_locked(struct sock *sk, u64 job_id,
					  struct mg_net_conn *conn)
{
	if (job_id)
		mg_net_hit_locked(job_id);
	if (!mg_net_may_drop(job_id)) {
		if (conn)
			mg_net_release_locked(conn);
		return NF_ACCEPT;
	}
	if (!conn)
		conn = mg_net_track_locked(sk, job_id);
	if (conn)
		conn->state = MG_NET_DROPPING;
	atomic64_inc(&mg_net_dropped);
	return NF_DROP;
}

/* The first payload of a connection: classified alone, most often enough. */
static unsigned int mg_net_first(struct sock *sk, struct sk_buff *skb,
				 u32 seq, unsigned int off, unsigned int len)
{
	unsigned int n = min_t(unsigned int, len, MG_STRATUM_MAX_PREFIX);
	unsigned int ret = NF_ACCEPT;
	enum mg_stratum_verdict verdict;
	struct mg_net_conn *conn;
	u64 job_id, start_ns;
	u8 *buf;

	local_bh_disable();
	start_ns = ktime_get_ns();
	buf = this_cpu_ptr(mg_net_scratch)->buf;
	if (skb_copy_bits(skb, off, buf, n))
		goto out;
	verdict = mg_stratum_classify(buf, n);
	mg_net_count_inspected(start_ns);
	if (verdict == MG_STRATUM_NO) {
		if (READ_ONCE(mg_net_used)) {
			/* Forget what a freed socket at this address left. */
			spin_lock(&mg_net_lock);
			conn = mg_net_find_locked(sk);
			if (conn)
				mg_net_release_locked(conn);
			spin_unlock(&mg_net_lock);
		}
		goto out;
	}
	job_id = mg_net_job_of(sk);
	spin_lock(&mg_net_lock);
	if (verdict == MG_STRATUM_YES) {
		ret = mg_net_stratum_locked(sk, job_id,
					    mg_net_find_locked(sk));
	} else {
		conn = mg_net_track_locked(sk, job_id);
		if (conn) {
			conn->state = MG_NET_PENDING;
			memcpy(conn->buf, buf, n);
			conn->len = n;
			conn->next_seq = seq + n;
		}
	}
	spin_unlock(&mg_net_lock);
out:
	local_bh_enable();
	return ret;
}

/* A later packet of a connection in the table, if it is one. */
static unsigned int mg_net_next(struct sock *sk, struct sk_buff *skb,
				u32 seq, unsigned int off, unsigned int len)
{
	enum mg_stratum_verdict verdict;
	unsigned int ret = NF_ACCEPT;
	struct mg_net_conn *conn;
	unsigned int n;
	u64 start_ns;

	spin_lock_bh(&mg_net_lock);
	conn = mg_net_find_locked(sk);
	if (!conn)
		goto out;
	conn->last_jiffies = jiffies;
	if (conn->state == MG_NET_DROPPING) {
		if (mg_net_may_drop(conn->job_id)) {
			atomic64_inc(&mg_net_dropped);
			ret = NF_DROP;
		} else {
			mg_net_release_locked(conn);
		}
		goto out;
	}
	/* Only the bytes right after the prefix: not retransmissions. */
	if (seq != conn->next_seq)
		goto out;
	start_ns = ktime_get_ns();
	n = min_t(unsigned int, len, MG_STRATUM_MAX_PREFIX - conn->len);
	if (skb_copy_bits(skb, off, conn->buf + conn->len, n))
		goto out;
	conn->len += n;
	conn->next_seq += n;
	verdict = mg_stratum_classify(conn->buf, conn->len);
	mg_net_count_inspected(start_ns);
	if (verdict == MG_STRATUM_YES)
		ret = mg_net_stratum_locked(sk, conn->job_id, conn);
	else if (verdict == MG_STRATUM_NO)
		mg_net_release_locked(conn);
out:
	spin_unlock_bh(&mg_net_lock);
	return ret;
}

static unsigned int mg_net_hook(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct sock *sk = skb->sk;
	struct tcphdr _th;
	const struct tcphdr *th;
	unsigned int off, len;

	if (!sk || !sk_fullsock(sk) || sk->sk_protocol != IPPROTO_TCP ||
	    sk->sk_type != SOCK_STREAM || !skb_transport_header_was_set(skb))
		return NF_ACCEPT;
	off = skb_transport_offset(skb);
	th = skb_header_pointer(skb, off, sizeof(_th), &_th);
	if (!th)
		return NF_ACCEPT;
	off += th->doff * 4;
	if (off >= skb->len)
		return NF_ACCEPT;	/* no payload */
	len = skb->len - off;
	/* TCP counted this packet's payload before handing it to IP. */
	if (READ_ONCE(tcp_sk(sk)->bytes_sent) == len)
		return mg_net_first(sk, skb, ntohl(th->seq), off, len);
	if (!READ_ONCE(mg_net_used))
		return NF_ACCEPT;
	return mg_net_next(sk, skb, ntohl(th->seq), off, len);
}

static const struct nf_hook_ops mg_net_ops[] = {
	{
		.hook = mg_net_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = NF_IP_PRI_FILTER,
	},
	{
		.hook = mg_net_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = NF_IP6_PRI_FILTER,
	},
};

static int __net_init mg_net_ns_init(struct net *net)
{
	return nf_register_net_hooks(net, mg_net_ops, ARRAY_SIZE(mg_net_ops));
}

static void __net_exit mg_net_ns_exit(struct net *net)
{
	nf_unregister_net_hooks(net, mg_net_ops, ARRAY_SIZE(mg_net_ops));
}

static struct pernet_operations mg_net_pernet = {
	.init = mg_net_ns_init,
	.exit = mg_net_ns_exit,
};

/**
 * mg_net_hooks_drain() - hand the hits since the last tick to the jobs
 *
 * Context: the tick, between mg_cgroups_lock() and mg_cgroups_unlock().
 */
void mg_net_hooks_drain(void)
{
	int i;

	spin_lock_bh(&mg_net_lock);
	memcpy(mg_net_drained, mg_net->hits, sizeof(mg_net_drained));
	memset(mg_net->hits, 0, sizeof(mg_net->hits));
	spin_unlock_bh(&mg_net_lock);
	for (i = 0; i < MG_NET_HIT_JOBS && mg_net_drained[i].job_id; i++)
		mg_cgroups_add_stratum(mg_net_drained[i].job_id,
				       mg_net_drained[i].hits);
}

/*
 * The allowlisted jobs, for drop mode: the tick lists them into the set
 * the hooks do not read; hooks still reading it from the previous tick
 * finished during that tick's synchronize_rcu().
 */
void mg_net_hooks_allow_begin(void)
{
	struct mg_net_allowed *next = &mg_net_allowed[!mg_net_allowed_active];

	next->count = 0;
	next->overflow = false;
}

void mg_net_hooks_allow_job(u64 job_id)
{
	struct mg_net_allowed *next = &mg_net_allowed[!mg_net_allowed_active];

	if (next->count < MG_NET_ALLOWED_MAX)
		next->ids[next->count++] = job_id;
	else
		next->overflow = true;
}

void mg_net_hooks_allow_publish(void)
{
	struct mg_net_allowed *next = &mg_net_allowed[!mg_net_allowed_active];

	sort(next->ids, next->count, sizeof(u64), mg_net_cmp_id, NULL);
	/* The set is complete before hooks can see it. */
	smp_store_release(&mg_net_allowed_active, !mg_net_allowed_active);
}

/* Whether an entry's connection is over, or its prefix waited too long. */
static bool mg_net_finished(const struct mg_net_conn *conn)
{
	if (conn->state == MG_NET_DROPPING)
		return READ_ONCE(conn->sk->sk_state) == TCP_CLOSE;
	return time_after(jiffies, conn->last_jiffies + MG_NET_PENDING_S * HZ);
}

/**
 * mg_net_hooks_reap() - let go of closed and long-undecided connections
 *
 * Context: the tick, process context.
 */
void mg_net_hooks_reap(void)
{
	struct mg_net_conn *conn;
	int i, n = 0;

	if (!READ_ONCE(mg_net_used))
		return;
	spin_lock_bh(&mg_net_lock);
	for (i = 0; i < MG_NET_CONNS; i++) {
		conn = &mg_net->conns[i];
		if (conn->state == MG_NET_FREE || !mg_net_finished(conn))
			continue;
		/* Put outside the lock: this may well free the socket. */
		mg_net_reaped[n++] = conn->sk;
		conn->sk = NULL;
		conn->state = MG_NET_FREE;
		WRITE_ONCE(mg_net_used, mg_net_used - 1);
	}
	spin_unlock_bh(&mg_net_lock);
	for (i = 0; i < n; i++)
		sock_put(mg_net_reaped[i]);
}

#define MG_NET_STAT(name, counter)					\
static ssize_t name##_show(struct kobject *kobj,			\
			   struct kobj_attribute *attr, char *buf)	\
{									\
	return sysfs_emit(buf, "%lld\n", atomic64_read(&(counter)));	\
}									\
static struct kobj_attribute mg_stat_attr_##name = __ATTR_RO(name)

MG_NET_STAT(net_packets_inspected, mg_net_inspected);
MG_NET_STAT(net_inspect_ns, mg_net_inspect_ns);
MG_NET_STAT(net_packets_dropped, mg_net_dropped);
MG_NET_STAT(net_conns_untracked, mg_net_untracked);
MG_NET_STAT(net_hits_lost, mg_net_hits_lost);

static const struct attribute *const mg_net_stats[] = {
	&mg_stat_attr_net_packets_inspected.attr,
	&mg_stat_attr_net_inspect_ns.attr,
	&mg_stat_attr_net_packets_dropped.attr,
	&mg_stat_attr_net_conns_untracked.attr,
	&mg_stat_attr_net_hits_lost.attr,
	NULL,
};

static void mg_net_free(void)
{
	int i;

	if (mg_net) {
		for (i = 0; i < MG_NET_CONNS; i++)
			if (mg_net->conns[i].sk)
				sock_put(mg_net->conns[i].sk);
	}
	vfree(mg_net);
	mg_net = NULL;
	vfree(mg_net_allowed);
	mg_net_allowed = NULL;
	free_percpu(mg_net_scratch);
	mg_net_scratch = NULL;
	mg_net_used = 0;
}

/*
 * Without netfilter hooks (a namespace refused them, say) the module still
 * works: the network signal is off, which the log says.
 */
int mg_net_hooks_init(void)
{
	int ret;

	mg_net = vzalloc(sizeof(*mg_net));
	mg_net_allowed = vzalloc(2 * sizeof(*mg_net_allowed));
	mg_net_scratch = alloc_percpu(struct mg_net_scratch);
	if (!mg_net || !mg_net_allowed || !mg_net_scratch) {
		mg_net_free();
		return -ENOMEM;
	}
	mg_net_allowed[0].overflow = true;
	mg_net_allowed[1].overflow = true;
	ret = mg_sysfs_add_stats(mg_net_stats);
	if (ret) {
		mg_net_free();
		return ret;
	}
	ret = register_pernet_subsys(&mg_net_pernet);
	if (ret)
		pr_warn("cannot hook netfilter (%d): stratum detection is off\n",
			ret);
	else
		mg_net_registered = true;
	return 0;
}

void mg_net_hooks_exit(void)
{
	if (mg_net_registered) {
		unregister_pernet_subsys(&mg_net_pernet);
		/* Hooks already running finish within an RCU grace period. */
		synchronize_net();
		mg_net_registered = false;
	}
	mg_sysfs_remove_stats(mg_net_stats);
	mg_net_free();
}

"""A small labelled set for the assessor: three answers to each question, written to be
strong (specific, on point, own actions and results), adequate (on point, thin on
specifics) and weak (vague, generic or barely relevant)."""

from __future__ import annotations

from peoplelens.ai.base import QuestionSpec

LABELLED: list[tuple[QuestionSpec, dict[str, str]]] = [
    (
        QuestionSpec(
            "go",
            "Tell me about a Go service you built: what was hardest and how did you solve it?",
            "technical",
            "Depth of hands-on Go experience",
            "A concrete Go project; goroutines and channels, context cancellation, error "
            "handling, profiling with pprof; trade-offs and a measurable result.",
        ),
        {
            "strong": "I built our payments ledger service in Go at my last job. The hardest "
            "part was a goroutine leak under load: requests were not cancelled when "
            "clients disconnected. I profiled it with pprof, found the blocked "
            "channels, and threaded context cancellation through every call. Memory "
            "dropped from 4 GB to 600 MB and p99 latency went from 900 ms to 120 ms.",
            "adequate": "I wrote a Go service for processing orders. It used goroutines for "
            "concurrency and we had some problems with performance, which we "
            "fixed by changing how we handled errors and channels.",
            "weak": "I have used a few languages and I like learning new things. Go seems "
            "nice and I think I could pick it up quickly if needed.",
        },
    ),
    (
        QuestionSpec(
            "k8s",
            "How have you used Kubernetes in production?",
            "technical",
            "Operational Kubernetes experience",
            "Deployments and rollouts, liveness and readiness probes, resource requests and "
            "limits, autoscaling, debugging failing pods.",
        ),
        {
            "strong": "I ran about 40 services on Kubernetes. I set resource requests and "
            "limits after measuring real usage, added readiness probes so rollouts "
            "stopped sending traffic to cold pods, and configured the horizontal "
            "autoscaler on CPU. When pods crash-looped I used kubectl describe and "
            "logs to find an OOM kill, raised the memory limit and fixed the leak.",
            "adequate": "We deployed our services to Kubernetes with deployments and used "
            "probes. Sometimes pods failed and we looked at the logs to debug.",
            "weak": "Kubernetes is a container thing. Our DevOps team handled it so I did "
            "not really touch it much.",
        },
    ),
    (
        QuestionSpec(
            "conflict",
            "Tell me about a time you disagreed with a teammate. What did you do?",
            "behavioral",
            "Collaboration and handling conflict",
            "A specific situation; listened to the other view; used data to decide; "
            "communicated openly; clear outcome and learning.",
        ),
        {
            "strong": "Last year a colleague wanted to rewrite our search service while I "
            "wanted to fix it incrementally. I listened to his reasons, and we agreed "
            "to measure: I ran a two-week experiment fixing the slowest queries, "
            "which cut latency by 60%. We shared the data with the team, chose the "
            "incremental path, and I learned to propose experiments instead of "
            "arguing opinions.",
            "adequate": "I disagreed with a teammate about an API design once. We talked it "
            "through in a meeting and eventually agreed on a compromise that "
            "worked for both of us.",
            "weak": "I get along with everyone, so I don't really have conflicts. I just try "
            "to be nice.",
        },
    ),
    (
        QuestionSpec(
            "incident",
            "Something important breaks in production in your first week. "
            "What do you do in the first hours?",
            "situational",
            "Judgement under pressure",
            "Assess impact, communicate with stakeholders, gather logs and metrics, mitigate "
            "or roll back first, then root cause and post-mortem.",
        ),
        {
            "strong": "First I would check the impact on users from dashboards and error "
            "rates, and tell the on-call channel and stakeholders what I see. Then "
            "I gather logs and metrics to find what changed; if a deploy correlates "
            "I roll it back to mitigate before digging deeper. Once stable, I find "
            "the root cause and write a blameless post-mortem with follow-ups.",
            "adequate": "I would look at the logs to see what is wrong and try to fix it, "
            "and let my manager know about the problem.",
            "weak": "I would probably ask someone. It depends on the situation really.",
        },
    ),
    (
        QuestionSpec(
            "react",
            "How do you keep a large React app fast?",
            "technical",
            "Frontend performance",
            "Profiling with React DevTools, memoization, code splitting, virtualization of "
            "long lists, avoiding unnecessary re-renders, measuring web vitals.",
        ),
        {
            "strong": "I start by measuring: the React DevTools profiler and web vitals. In "
            "our dashboard I found a table of 5,000 rows re-rendering on every "
            "keystroke, so I virtualized the list and memoized the row component, "
            "and split the charts into a lazily loaded chunk. Interaction latency "
            "went from 400 ms to 50 ms and the bundle shrank by 30%.",
            "adequate": "I use memoization with useMemo and React.memo and try to avoid "
            "unnecessary re-renders. Code splitting also helps.",
            "weak": "React is pretty fast already, so I mostly just write the code and it "
            "works fine.",
        },
    ),
    (
        QuestionSpec(
            "sql",
            "Describe a time you made a PostgreSQL database fast under load.",
            "technical",
            "Database performance",
            "Indexes and query plans, transactions and locking, connection pooling, "
            "measurements before and after.",
        ),
        {
            "strong": "Our orders API slowed to 3 seconds at peak. I used EXPLAIN ANALYZE on "
            "the slow queries, found a sequential scan on a 40 million row table, "
            "and added a composite index on customer and created date. I also added "
            "PgBouncer for connection pooling and shortened a long transaction that "
            "held locks. Peak latency dropped to 80 ms.",
            "adequate": "We had slow queries, so I added some indexes and looked at the query "
            "plans. It got faster after that.",
            "weak": "Databases can be slow sometimes. I usually let the DBA take care of "
            "that part.",
        },
    ),
    (
        QuestionSpec(
            "motivation",
            "What draws you to this Backend Engineer role?",
            "motivational",
            "Motivation and fit",
            "Specific reasons tied to the role and team, realistic expectations, concrete "
            "learning goals.",
        ),
        {
            "strong": "I want to work on high-throughput backend systems, and your team runs "
            "Go services at a scale I have not handled yet. I read your engineering "
            "blog post about moving to event sourcing and I would like to learn that "
            "in practice, while bringing my experience with PostgreSQL performance.",
            "adequate": "I like backend work and the role matches my skills. I think I can "
            "learn a lot here and grow as an engineer.",
            "weak": "I am looking for a new job and this one looked fine.",
        },
    ),
    (
        QuestionSpec(
            "mentor",
            "Tell me about someone you mentored.",
            "behavioral",
            "Leadership and growing others",
            "A specific person, what they needed, how the candidate helped (pairing, feedback, "
            "stretch tasks), and the outcome for that person.",
        ),
        {
            "strong": "I mentored a junior engineer who struggled with code reviews. We paired "
            "twice a week, I gave written feedback with examples, and I gave her a "
            "stretch task owning our retry library. Within six months she was "
            "reviewing others' code and was promoted.",
            "adequate": "I helped a new team member get started by answering questions and "
            "reviewing his pull requests.",
            "weak": "I am happy to help people when they ask me things.",
        },
    ),
]

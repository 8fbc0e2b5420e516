import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { learnerFrom, learnerFromAddress } from "./helpers";
import { signedInInstructor } from "./workshop-helpers";

/**
 * Who may read or change a workshop: only its hosts. No session, a learner's cookie and another
 * instructor's session are all refused on every workshop route, and nothing changes.
 */
test.describe("workshop authorization", () => {
  let owner: APIRequestContext;
  let other: APIRequestContext;
  let anonymous: APIRequestContext;
  let learner: APIRequestContext;
  let peer: APIRequestContext;
  let workshopId: string;
  let code: string;
  let learnerId: string;

  test.beforeAll(async ({ baseURL }) => {
    owner = (await signedInInstructor(baseURL, "owner")).ctx;
    other = (await signedInInstructor(baseURL, "other")).ctx;
    anonymous = await request.newContext({ baseURL });
    learner = await learnerFrom(baseURL, "/");
    peer = await learnerFrom(baseURL, "/");
    const created = await owner.post("/api/workshops", {
      data: { title: "Private class", items: [{ kind: "challenge", slug: "quarantine" }] },
    });
    expect(created.status()).toBe(201);
    ({ id: workshopId, code } = await created.json());
    expect((await learner.post(`/api/join/${code}`, { data: { displayName: "Ann" } })).status()).toBe(201);
    const attempt = await learner.post("/api/challenges/quarantine/attempts", {
      data: { manifests: "", commands: [] },
    });
    expect(attempt.status()).toBe(201);
    const grid = await (await owner.get(`/api/workshops/${workshopId}/dashboard`)).json();
    learnerId = grid.learners[0].learnerId;
  });

  const reads = () => [
    `/api/workshops/${workshopId}`,
    `/api/workshops/${workshopId}/dashboard`,
    `/api/workshops/${workshopId}/dashboard/events`,
    `/api/workshops/${workshopId}/export.csv`,
    `/api/workshops/${workshopId}/export.csv?table=attempts`,
    `/api/workshops/${workshopId}/announcements`,
    `/api/workshops/${workshopId}/learners/${learnerId}`,
  ];
  const changes = () => [
    { method: "PATCH", url: `/api/workshops/${workshopId}`, data: { state: "archived" } },
    { method: "POST", url: `/api/workshops/${workshopId}/announcements`, data: { text: "hijacked" } },
    { method: "POST", url: `/api/workshops/${workshopId}/hosts`, data: { email: "intruder@example.org" } },
  ];

  for (const [who, expected] of [
    ["no session", 401],
    ["a learner", 401],
    ["another instructor", 404],
  ] as const) {
    test(`${who} can neither read nor change the workshop, its dashboard, export or learners' attempts`, async () => {
      const ctx = who === "no session" ? anonymous : who === "a learner" ? learner : other;
      for (const url of reads()) {
        const res = await ctx.get(url);
        expect(res.status(), url).toBe(expected);
        expect((await res.text()).includes("Ann"), url).toBe(false);
      }
      for (const c of changes()) {
        const res = await ctx.fetch(c.url, { method: c.method, data: c.data });
        expect(res.status(), `${c.method} ${c.url}`).toBe(expected);
      }
      const list = await ctx.get("/api/workshops");
      if (who === "another instructor") expect((await list.json()).workshops).toEqual([]);
      else expect(list.status()).toBe(401);
      // Nothing changed.
      const w = await (await owner.get(`/api/workshops/${workshopId}`)).json();
      expect(w.state).toBe("open");
      expect(w.hosts).toHaveLength(1);
      expect((await (await owner.get(`/api/workshops/${workshopId}/announcements`)).json()).announcements).toEqual([]);
    });
  }

  test("a learner reads only their own attempts", async () => {
    expect((await (await learner.get("/api/challenges/quarantine/attempts")).json()).attempts).toBe(1);
    expect(await (await peer.get("/api/challenges/quarantine/attempts")).json()).toMatchObject({
      attempts: 0,
      last: null,
    });
    expect((await peer.get(`/api/workshops/${workshopId}/learners/${learnerId}`)).status()).toBe(401);
  });

  test("hidden checks' wrong flows: the hosts see them by flow, the learner who made them never does", async ({
    baseURL,
  }) => {
    const hider = await learnerFrom(baseURL, "/");
    expect((await hider.post(`/api/join/${code}`, { data: { displayName: "Hid" } })).status()).toBe(201);
    // Labels the xwing and writes no policy: the hidden check "the rule holds for every pod with the label"
    // fails on the probe droid, which no visible check, hint or message names.
    const labelOnly = {
      journal: [{ op: "label", type: "pod", names: ["xwing"], labels: ["quarantine=true"], overwrite: false }],
      commands: ["kubectl label pod xwing quarantine=true"],
    };
    const attempt = await hider.post("/api/challenges/quarantine/attempts", { data: labelOnly });
    expect(attempt.status()).toBe(201);
    const told = await attempt.json();
    expect(told.checks.find((c: { name: string }) => c.name === "rule-is-the-label")).toMatchObject({
      hidden: true,
      passed: false,
    });
    const learnerViews = [
      await attempt.text(),
      await (await hider.get("/api/challenges/quarantine/attempts")).text(),
      await (await hider.get("/api/workshops/joined")).text(),
    ];
    for (const text of learnerViews) expect(text).not.toContain("probe-droid");
    for (const url of reads()) {
      const res = await hider.get(url);
      expect(res.status(), url).toBe(401);
      expect(await res.text(), url).not.toContain("probe-droid");
    }

    const dashboard = await (await owner.get(`/api/workshops/${workshopId}/dashboard`)).json();
    const hidden = dashboard.stats[0].wrongVerdicts.filter((v: { hidden: boolean }) => v.hidden);
    expect(hidden).toContainEqual(
      expect.objectContaining({
        check: "rule-is-the-label",
        hidden: true,
        flow: "default/probe-droid → svc:default/deathstar:80",
        expected: "dropped",
        actual: "allowed",
        learners: 1,
        summary: expect.stringMatching(/^\d+% still allow default\/probe-droid → svc:default\/deathstar:80$/),
      }),
    );
    // The visible check's flows are there too, marked as such.
    expect(dashboard.stats[0].wrongVerdicts).toContainEqual(
      expect.objectContaining({
        check: "xwing-isolated",
        hidden: false,
        flow: "default/xwing → svc:default/deathstar:80",
      }),
    );
  });

  test("the owner reads everything; a cross-site or non-JSON change is refused", async () => {
    for (const url of reads().filter((u) => !u.endsWith("/events")))
      expect((await owner.get(url)).status(), url).toBe(200);
    const evil = await owner.patch(`/api/workshops/${workshopId}`, {
      data: { state: "closed" },
      headers: { origin: "https://evil.example" },
    });
    expect(evil.status()).toBe(403);
    expect((await evil.json()).error).toBe("cross-site request refused: Origin https://evil.example is not this site");
    const form = await owner.patch(`/api/workshops/${workshopId}`, {
      data: "state=closed",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status()).toBe(415);
    const bad = await owner.patch(`/api/workshops/${workshopId}`, { data: { state: "paused" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toBe("state: state must be open, closed or archived");
    expect((await (await owner.get(`/api/workshops/${workshopId}`)).json()).state).toBe("open");
  });

  test("a co-host reads everything the owner does and runs the workshop, but invites no one", async ({ baseURL }) => {
    // A workshop of its own, so the other tests' "nothing changed" holds whatever the order.
    const w = await (
      await owner.post("/api/workshops", {
        data: { title: "Shared class", items: [{ kind: "challenge", slug: "quarantine" }] },
      })
    ).json();
    expect((await learner.post(`/api/join/${w.code}`, { data: { displayName: "Ann" } })).status()).toBe(201);
    const cohost = await signedInInstructor(baseURL, "runner");
    // Before the invitation the co-host is just another instructor.
    expect((await cohost.ctx.get(`/api/workshops/${w.id}/dashboard`)).status()).toBe(404);
    expect((await owner.post(`/api/workshops/${w.id}/hosts`, { data: { email: cohost.email } })).status()).toBe(201);
    for (const url of [
      `/api/workshops/${w.id}`,
      `/api/workshops/${w.id}/dashboard`,
      `/api/workshops/${w.id}/export.csv`,
      `/api/workshops/${w.id}/export.csv?table=attempts`,
      `/api/workshops/${w.id}/announcements`,
      `/api/workshops/${w.id}/learners/${learnerId}`,
    ]) {
      const res = await cohost.ctx.get(url);
      expect(res.status(), url).toBe(200);
    }
    expect(await (await cohost.ctx.get(`/api/workshops/${w.id}/learners/${learnerId}`)).json()).toMatchObject({
      learnerId,
      displayName: "Ann",
    });
    expect(await (await cohost.ctx.get(`/api/workshops/${w.id}/export.csv`)).text()).toContain("Ann");
    const said = await cohost.ctx.post(`/api/workshops/${w.id}/announcements`, { data: { text: "From the co-host" } });
    expect(said.status()).toBe(201);
    expect((await cohost.ctx.patch(`/api/workshops/${w.id}`, { data: { state: "closed" } })).status()).toBe(200);
    expect((await (await owner.get(`/api/workshops/${w.id}`)).json()).state).toBe("closed");
    expect((await cohost.ctx.patch(`/api/workshops/${w.id}`, { data: { state: "open" } })).status()).toBe(200);
    expect((await cohost.ctx.post(`/api/workshops/${w.id}/hosts`, { data: { email: "x@example.org" } })).status()).toBe(
      403,
    );
    expect((await (await cohost.ctx.get("/api/workshops")).json()).workshops.map((x: { id: string }) => x.id)).toEqual([
      w.id,
    ]);
    // Hosting one workshop opens no other.
    expect((await cohost.ctx.get(`/api/workshops/${workshopId}/dashboard`)).status()).toBe(404);
  });

  test("another instructor cannot reach this workshop's learners through a workshop of their own", async () => {
    const theirs = await (
      await other.post("/api/workshops", {
        data: { title: "Their class", items: [{ kind: "challenge", slug: "quarantine" }] },
      })
    ).json();
    const res = await other.get(`/api/workshops/${theirs.id}/learners/${learnerId}`);
    expect(res.status()).toBe(404);
    expect(await res.text()).not.toContain("Ann");
    const grid = await (await other.get(`/api/workshops/${theirs.id}/dashboard`)).json();
    expect(grid.learners).toEqual([]);
    const csv = await (await other.get(`/api/workshops/${theirs.id}/export.csv?table=attempts`)).text();
    expect(csv).not.toContain(learnerId);
  });

  test("a co-host sees this workshop; bad workshop bodies get specific messages", async ({ baseURL }) => {
    const cohost = await signedInInstructor(baseURL, "cohost");
    expect((await owner.post(`/api/workshops/${workshopId}/hosts`, { data: { email: cohost.email } })).status()).toBe(
      201,
    );
    expect((await cohost.ctx.get(`/api/workshops/${workshopId}/dashboard`)).status()).toBe(200);
    // Co-hosts run the workshop but do not invite others.
    expect(
      (await cohost.ctx.post(`/api/workshops/${workshopId}/hosts`, { data: { email: "x@example.org" } })).status(),
    ).toBe(403);
    const cases: [unknown, string][] = [
      [{ title: "", items: [{ kind: "lesson", slug: "identities" }] }, "title: the title is empty"],
      [{ title: "T", items: [] }, "items: a workshop needs at least one item"],
      [{ title: "T", items: [{ kind: "lesson", slug: "nope" }] }, 'items.0: no lesson "nope"'],
      [
        { title: "T", items: [{ kind: "video", slug: "x" }] },
        'items.0.kind: Invalid option: expected one of "lesson"|"challenge"',
      ],
      [
        { title: "T", items: [{ kind: "lesson", slug: "identities" }], startsAt: "tomorrow" },
        "startsAt: must be an ISO 8601 date-time such as 2026-12-02T14:00:00Z",
      ],
      [
        {
          title: "T",
          items: [{ kind: "lesson", slug: "identities" }],
          startsAt: "2026-12-02T14:00:00Z",
          endsAt: "2026-12-02T13:00:00Z",
        },
        "endsAt: the workshop must end after it starts",
      ],
      [{ title: "T", items: [{ kind: "lesson", slug: "identities" }], owner: "me" }, 'Unrecognized key: "owner"'],
    ];
    for (const [data, message] of cases) {
      const res = await owner.post("/api/workshops", { data });
      expect(res.status(), JSON.stringify(data)).toBe(400);
      expect((await res.json()).error).toBe(message);
    }
  });

  test("sign-in: a wrong password and an unknown address get the same answer, and repeated failures lock the account", async ({
    baseURL,
  }) => {
    const { email, password } = await signedInInstructor(baseURL, "locked");
    const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.20" } });
    const wrong = await ctx.post("/api/instructor/session", { data: { email, password: "not the password" } });
    const unknown = await ctx.post("/api/instructor/session", {
      data: { email: `nobody-${Date.now()}@example.org`, password },
    });
    expect([wrong.status(), unknown.status()]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
    for (let i = 0; i < 4; i++)
      await ctx.post("/api/instructor/session", { data: { email, password: "not the password" } });
    const locked = await ctx.post("/api/instructor/session", { data: { email, password } });
    expect(locked.status()).toBe(429);
    expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);
  });

  test("sign-out ends the session on the server", async ({ baseURL }) => {
    const { ctx } = await signedInInstructor(baseURL, "signout");
    expect((await ctx.get("/api/instructor/session")).status()).toBe(200);
    const state = await ctx.storageState();
    expect((await ctx.delete("/api/instructor/session")).status()).toBe(204);
    // The old cookie, replayed, no longer works.
    const replay = await request.newContext({ baseURL, storageState: state });
    expect((await replay.get("/api/workshops")).status()).toBe(401);
  });

  test("join codes: unknown and archived look alike; guessing is rate limited, right codes included", async ({
    baseURL,
  }) => {
    // From its own loopback address: the lock it provokes must not reach the other specs' learners.
    const guesser = await learnerFromAddress(baseURL, "127.0.0.23", "/");
    const archived = await (
      await owner.post("/api/workshops", { data: { title: "Old", items: [{ kind: "lesson", slug: "identities" }] } })
    ).json();
    expect((await owner.patch(`/api/workshops/${archived.id}`, { data: { state: "archived" } })).status()).toBe(200);
    const a = await guesser.post(`/api/join/${archived.code}`, { displayName: "G" });
    const b = await guesser.post("/api/join/ZZZZ-ZZZZ", { displayName: "G" });
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(a.json).toEqual(b.json);
    for (let i = 0; i < 8; i++) await guesser.post(`/api/join/ZZZZZZZ${"23456789"[i]}`, { displayName: "G" });
    const right = await guesser.post(`/api/join/${code}`, { displayName: "G" });
    expect(right.status).toBe(429);
    expect((right.json as { error: string }).error).toMatch(/^too many wrong join codes: try again in \d+ s$/);
    // Everyone else (127.0.0.1) still joins.
    expect((await learner.post(`/api/join/${code}`, { data: { displayName: "Ann" } })).status()).toBe(201);
    const bad = await learner.post(`/api/join/${code}`, { data: { displayName: "<script>" } });
    expect((await bad.json()).error).toBe(
      "displayName: a display name may use letters, digits, spaces and . _ ' - only",
    );
  });
});

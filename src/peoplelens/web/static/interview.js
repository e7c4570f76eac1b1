// The candidate's interview page: talks to /api/v1/interview-sessions/{token} (JSON).
// Every text is inserted with textContent, never as HTML.
(() => {
  "use strict";
  const token = document.body.dataset.token;
  const api = `/api/v1/interview-sessions/${encodeURIComponent(token)}`;
  const $ = (id) => document.getElementById(id);
  const els = {
    consent: $("consent"), consentForm: $("consent-form"), chat: $("chat"),
    messages: $("messages"), form: $("answer-form"), answer: $("answer"), send: $("send"),
    done: $("done"), error: $("error"), counter: $("counter"), start: $("start"),
  };
  let pendingId = null; // reused if the same answer is retried after a network error
  let interviewer = "Interviewer";

  function showError(text) {
    els.error.textContent = text;
    els.error.hidden = !text;
  }

  function render(state) {
    interviewer = state.interviewer ? state.interviewer.name : interviewer;
    if (els.consent) els.consent.hidden = state.state !== "awaiting_consent";
    els.chat.hidden = state.state === "awaiting_consent";
    els.form.hidden = state.next_action !== "answer";
    if (state.booking && !document.getElementById("booking")) {
      // The AI step is over and a meeting with a person is next: the page offers its times.
      window.setTimeout(() => window.location.reload(), 1500);
    }
    els.done.hidden = state.state !== "completed";
    if (state.state === "expired" || state.state === "cancelled") {
      showError(state.state === "expired"
        ? "This interview link has expired. Please ask the hiring team for a new one."
        : "This interview was cancelled by the hiring team.");
    }
    const known = new Set([...els.messages.children].map((li) => li.dataset.id));
    for (const m of state.messages) {
      if (known.has(m.id)) continue;
      const li = document.createElement("li");
      li.className = `msg ${m.role}`;
      li.dataset.id = m.id;
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = m.role === "interviewer" ? interviewer : "You";
      const p = document.createElement("p");
      p.textContent = m.text;
      li.append(who, p);
      els.messages.append(li);
    }
    if (els.messages.lastElementChild) els.messages.lastElementChild.scrollIntoView({ block: "end" });
    if (state.next_action === "answer") els.answer.focus();
  }

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = (data.error && data.error.message) || "Something went wrong. Please try again.";
      throw new Error(message);
    }
    return data;
  }

  // The slot list is shown in the browser's time zone (named on the page) unless the
  // candidate chose another one.
  const booking = $("booking");
  const params = new URLSearchParams(window.location.search);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (booking && !params.has("tz") && zone && $("tz") && $("tz").value !== zone
      && [...$("tz").options].some((o) => o.value === zone)) {
    params.set("tz", zone);
    window.location.replace(`${window.location.pathname}?${params}`);
  }
  if (zone) {
    for (const input of document.querySelectorAll('input[name="tz"]')) {
      if (!input.value) input.value = zone;
    }
  }

  if (els.consentForm) els.consentForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    showError("");
    els.start.disabled = true;
    try {
      render(await call("POST", "/consent", { consent: true }));
    } catch (err) {
      showError(err.message);
    } finally {
      els.start.disabled = false;
    }
  });

  els.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = els.answer.value.trim();
    if (!text) return;
    showError("");
    // While the answer is on its way the box is read-only (nothing typed meanwhile is lost)
    // and the button says so.
    const label = els.send.textContent;
    els.send.disabled = true;
    els.send.textContent = "Sending…";
    els.answer.readOnly = true;
    pendingId = pendingId || (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
    try {
      render(await call("POST", "/messages", { text, client_message_id: pendingId }));
      if (els.answer.value.trim() === text) els.answer.value = "";
      pendingId = null;
      updateCounter();
    } catch (err) {
      showError(err.message);
    } finally {
      els.send.disabled = false;
      els.send.textContent = label;
      els.answer.readOnly = false;
    }
  });

  els.answer.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      els.form.requestSubmit();
    }
  });

  function updateCounter() {
    const max = Number(els.answer.getAttribute("maxlength")) || 0;
    els.counter.textContent = max ? `${els.answer.value.length} / ${max}` : "";
  }
  els.answer.addEventListener("input", () => { pendingId = null; updateCounter(); });
  updateCounter();
  if (!els.form.hidden) els.answer.focus();
})();

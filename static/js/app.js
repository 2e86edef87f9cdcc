// Small behaviours the pages ask for with data- attributes, so that no page needs inline
// script (the content security policy allows none without a nonce).

// -- confirmation before an irreversible step ------------------------------------------
// data-confirm="…" on a form, or on one of its submit buttons, asks first in a Bootstrap
// dialog (#confirm-modal, in base.html) and sends only on "Đồng ý"; cancelling sends nothing.
// The text may name what the form holds, so the count is the one about to be sent:
//   {checked:name}  how many boxes named `name` are ticked
//   {sum:name}      the sum of the ticked boxes' data-count
//   {total:name}    the text of the page's [data-total="name"] (running totals kept by the page)
//   {name}          the value of the field `name` (a number or a date written the Vietnamese way)
// A confirmed send carries confirmed=1 (a page may insist on it). Without JavaScript the
// form's <noscript> check box (includes/confirm_noscript.html) must be ticked instead.
const numberFormat = new Intl.NumberFormat("vi-VN");

function confirmText(form, text) {
  const boxes = (name) => [...form.querySelectorAll(`input[name="${CSS.escape(name)}"]:checked:not(:disabled)`)];
  return text.replace(/\{(checked:|sum:|total:)?([\w-]+)\}/g, (whole, kind, name) => {
    if (kind === "total:") {
      const shown = document.querySelector(`[data-total="${CSS.escape(name)}"]`);
      return shown ? shown.textContent.trim() : whole;
    }
    if (kind === "checked:") return numberFormat.format(boxes(name).length);
    if (kind === "sum:") {
      return numberFormat.format(boxes(name).reduce((n, box) => n + Number(box.dataset.count || 0), 0));
    }
    const field = form.elements.namedItem(name);
    if (!field || !("value" in field)) return whole;
    const value = field.value.trim();
    const iso = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
    return /^\d+$/.test(value) ? numberFormat.format(Number(value)) : value;
  });
}

function askFirst(text, okLabel) {
  const modal = document.getElementById("confirm-modal");
  if (!modal || !window.bootstrap) return Promise.resolve(window.confirm(text));
  modal.querySelector("[data-confirm-text]").textContent = text;
  const ok = modal.querySelector("[data-confirm-ok]");
  ok.textContent = okLabel || ok.dataset.defaultLabel;
  const dialog = bootstrap.Modal.getOrCreateInstance(modal);
  return new Promise((resolve) => {
    let answer = false;
    const accept = () => { answer = true; dialog.hide(); };
    ok.addEventListener("click", accept, { once: true });
    modal.addEventListener("hidden.bs.modal", () => {
      ok.removeEventListener("click", accept);
      resolve(answer);
    }, { once: true });
    dialog.show();
  });
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  const submitter = event.submitter;
  const text = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
  if (text && form.dataset.confirmed !== "1") {
    event.preventDefault();
    const okLabel = (submitter && submitter.dataset.confirmOk) || form.dataset.confirmOk;
    askFirst(confirmText(form, text), okLabel).then((yes) => {
      if (!yes) return;
      let flag = form.querySelector('input[type=hidden][name="confirmed"]');
      if (!flag) {
        flag = Object.assign(document.createElement("input"), { type: "hidden", name: "confirmed" });
        form.append(flag);
      }
      flag.value = "1";
      form.dataset.confirmed = "1";  // the send below passes through this handler once more
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      delete form.dataset.confirmed;
    });
    return;
  }
  if (form.hasAttribute("data-once")) {  // a double tap sends one request
    form.querySelectorAll("button[type=submit]").forEach((b) => { b.disabled = true; });
  }
});
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (button && navigator.clipboard) {
    navigator.clipboard.writeText(document.querySelector(button.dataset.copy).textContent.trim());
  }
});
// A date typed on the phone's number pad, which has no "/": 20112024 shows as 20/11/2024.
// Only digits are reshaped; what is typed with its own slashes (5/11/2024) is left alone.
document.addEventListener("input", (event) => {
  const box = event.target;
  if (!box.matches("input[data-date]") || event.inputType === "deleteContentBackward") return;
  const digits = box.value.replace(/\//g, "");
  if (!/^\d+$/.test(digits) || (box.value.includes("/") && !box.dataset.dateShaped)) return;
  box.value = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 8)].filter(Boolean).join("/");
  box.dataset.dateShaped = "1";
});

// The bell: its unread count is fetched once the page shows (the page itself runs no query
// for it), written as a number and read aloud as "N thông báo chưa đọc" (the words come
// from the page, translated).
(() => {
  const bell = document.getElementById("bell");
  if (!bell || !window.fetch) return;
  const badge = bell.querySelector("[data-unread]");
  fetch(bell.dataset.unreadUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (!data || typeof data.unread !== "number") return;
      if (data.unread > 0) {
        badge.textContent = String(data.unread);
        badge.hidden = false;
        bell.setAttribute("aria-label", `${data.unread} ${bell.dataset.unreadLabel}`);
      } else {
        badge.hidden = true;
        bell.setAttribute("aria-label", bell.getAttribute("title"));
      }
    })
    .catch(() => {});  // offline: the bell stays without a count, the page works
})();

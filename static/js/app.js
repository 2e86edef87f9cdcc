// Small behaviours the pages ask for with data- attributes, so that no page needs inline
// script (the content security policy allows none without a nonce).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
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

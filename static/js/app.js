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

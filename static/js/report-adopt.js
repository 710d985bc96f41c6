// The adoption form: picking the session fills in its date. Only a convenience: without this
// script the date may be left empty and the server takes the session's date.
document.addEventListener("change", (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement) || select.name !== "adopted_at") return;
  const date = select.form && select.form.querySelector("input[data-session-date]");
  const chosen = select.selectedOptions[0];
  if (date && chosen && chosen.dataset.date) date.value = chosen.dataset.date;
});

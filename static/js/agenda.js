// Moving an agenda item through htmx replaces the whole list, and with it the button that had
// the focus. Give the focus back to the moved item's button of the same direction, or to its
// other one when the item has reached the top or the bottom, so a keyboard user can go on moving
// it. (The live region beside the list says where the item now is: _agenda.html.)
document.addEventListener("htmx:afterSettle", () => {
  const list = document.getElementById("agenda-list");
  const moved = list && list.dataset.movedItem;
  if (!moved) return;
  delete list.dataset.movedItem;
  const direction = list.dataset.movedDirection;
  const other = direction === "up" ? "down" : "up";
  const control =
    document.getElementById(`move-${direction}-${moved}`) ||
    document.getElementById(`move-${other}-${moved}`);
  if (control) control.focus();
});

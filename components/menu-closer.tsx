"use client";
import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * Makes the phone menu (a <details> and the panel it opens, ./site-header.tsx) close as a menu
 * should: when one of its links is followed, on Escape (the focus goes back to "Menu"), on a tap
 * outside it, and when the focus moves on past it, so the panel never hides what has the focus
 * (WCAG 2.4.11). Without JavaScript the menu still opens and closes by its button.
 */
export function MenuCloser({ menu, panel }: { menu: string; panel: string }) {
  const pathname = usePathname();
  useEffect(() => {
    const details = document.getElementById(menu);
    const box = document.getElementById(panel);
    if (!(details instanceof HTMLDetailsElement) || !box) return;
    details.open = false; // a new page: the menu that led here has done its job
    const inside = (target: EventTarget | null) =>
      target instanceof Node && (details.contains(target) || box.contains(target));
    const close = (refocus: boolean) => {
      if (!details.open) return;
      details.open = false;
      if (refocus) details.querySelector("summary")?.focus();
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close(inside(document.activeElement));
    const onPointer = (e: PointerEvent) => !inside(e.target) && close(false);
    const onFocus = (e: FocusEvent) => !inside(e.target) && close(false);
    const onClick = (e: MouseEvent) => e.target instanceof Element && e.target.closest("a") && close(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("focusin", onFocus);
    box.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("focusin", onFocus);
      box.removeEventListener("click", onClick);
    };
  }, [menu, panel, pathname]);
  return null;
}

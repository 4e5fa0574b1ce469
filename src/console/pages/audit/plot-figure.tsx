import { useEffect, useRef } from 'react';
import type * as Plot from '@observablehq/plot';

/** Types only: the module itself is loaded on demand below. */
export type PlotModule = typeof Plot;
/** Observable Plot, loaded with the plots page only: the other pages' bundle stays small. */
let plotModule: Promise<PlotModule> | null = null;
const loadPlot = () => (plotModule ??= import('@observablehq/plot'));

/**
 * A figure drawn by Observable Plot. Its inline <style> is removed before it enters the page: the
 * content security policy allows no inline style, and styles.css gives the same look.
 */
export function PlotFigure({ make, label }: { make: (plot: PlotModule) => SVGSVGElement | HTMLElement; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    void loadPlot().then((plot) => {
      if (cancelled || !ref.current) return;
      const figure = make(plot);
      figure.querySelectorAll('style').forEach((s) => s.remove());
      // The figure is one image with one label: the labels Plot puts on its groups are not allowed there (axe aria-prohibited-attr).
      figure.querySelectorAll('[aria-label]').forEach((el) => el.removeAttribute('aria-label'));
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', label);
      ref.current.replaceChildren(figure);
    });
    return () => { cancelled = true; };
  }, [make, label]);
  return <div className="plot" ref={ref} />;
}

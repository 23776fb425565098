/**
 * A virtualised list: only the rows in view (plus a few above and below) exist in the DOM, so
 * 100,000 rows scroll as smoothly as 100. Fixed row height; rows are absolutely positioned
 * inside a spacer as tall as the whole list.
 */
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type DOMAttributes,
  type ReactNode,
  type KeyboardEvent,
} from 'react';

export interface VirtualListProps {
  count: number;
  /** Pixels; every row has this height. */
  rowHeight: number;
  renderRow: (index: number) => ReactNode;
  /** Rows rendered beyond each edge of the view, so fast scrolling never shows a gap. */
  overscan?: number;
  /** Scrolls so this row is visible whenever it changes. */
  scrollToIndex?: number | null;
  className?: string;
  role?: string;
  ariaLabel?: string;
  ariaRowCount?: number;
  /** The id of the row the keyboard is on (the list keeps the focus). */
  ariaActiveDescendant?: string;
  onKeyDown?: (e: KeyboardEvent<HTMLDivElement>) => void;
  /** Mouse handlers on the whole list, for lists that delegate their rows' events to it. */
  pointer?: Pick<
    DOMAttributes<HTMLDivElement>,
    'onClick' | 'onDoubleClick' | 'onContextMenu' | 'onMouseOver' | 'onMouseLeave'
  >;
  header?: ReactNode;
}

export function VirtualList(props: VirtualListProps): React.JSX.Element {
  // 4 rows (128 px at 32 px) each side: a wheel notch or a keyboard page never shows a gap, and
  // every extra row is DOM that each frame of a fast scroll rewrites.
  const { count, rowHeight, renderRow, overscan = 4, scrollToIndex } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const frame = useRef(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el || scrollToIndex === null || scrollToIndex === undefined) return;
    const top = scrollToIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight)
      el.scrollTop = top + rowHeight - el.clientHeight;
  }, [scrollToIndex, rowHeight]);

  const onScroll = (): void => {
    // One state update per frame, however many scroll events arrive.
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (ref.current) setScrollTop(ref.current.scrollTop);
    });
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  // Keyed and ordered by slot, not by row: a row scrolled out hands its DOM nodes to the row
  // scrolled in, in place, so a fast scroll updates text and offsets instead of creating, removing
  // or moving elements. Rows are absolutely positioned, so DOM order does not matter on screen;
  // aria-rowindex on each row gives assistive technology the real order.
  const slots = Math.ceil(height / rowHeight) + 2 * overscan + 2;
  const rows: ReactNode[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const i = first + ((((slot - first) % slots) + slots) % slots);
    if (i >= last) continue;
    rows.push(
      <div key={slot} className="vrow" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className={`vlist ${props.className ?? ''}`}
      onScroll={onScroll}
      role={props.role}
      aria-label={props.ariaLabel}
      aria-rowcount={props.ariaRowCount}
      aria-activedescendant={props.ariaActiveDescendant}
      tabIndex={0}
      onKeyDown={props.onKeyDown}
      {...props.pointer}
    >
      {props.header}
      <div className="vspacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}

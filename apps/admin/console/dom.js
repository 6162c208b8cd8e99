import { t } from './i18n.js';

/**
 * Builds elements with text set as text (never as HTML), so nothing a message or a department sends
 * can run as script in the console.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElementNS(
    tag === 'svg' || attributes.svg ? 'http://www.w3.org/2000/svg' : 'http://www.w3.org/1999/xhtml',
    tag,
  );
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'svg' || value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    // Through the CSSOM: the admin's Content-Security-Policy refuses style attributes (style-src 'self').
    else if (name === 'style') element.style.cssText = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An SVG element (inside a chart). */
export const s = (tag, attributes = {}, ...children) => h(tag, { ...attributes, svg: true }, ...children);

export function replaceChildren(parent, ...children) {
  parent.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** A page's message line: a notice (green) or, with kind 'error', an error (red), never one styled as the other. */
export function flashMessage(flash, text, kind = 'notice') {
  flash.textContent = text;
  flash.classList.toggle('flash-error', kind === 'error' && text !== '');
}

/** 理由至少 5 个字：与管理服务的校验一致（reason: 5 to 500 characters）。 */
const REASON_MIN_LENGTH = 5;

/** The reason typed into `input`, or undefined after saying in `flash` that one is needed. */
export function reasonGiven(input, flash) {
  const reason = (input.value ?? '').trim();
  if (reason.length >= REASON_MIN_LENGTH) return reason;
  flashMessage(flash, t('rv.reasonNeeded'), 'error');
  return undefined;
}

/**
 * Base classes of the container components whose reads depend on the day they are for (and, for
 * some, on how many weekly periods they cover). Non-UI module (no template).
 *
 * Setting `asOf` (or `periods`) to another value calls the component's `reset()`, which forgets
 * what was read so that the new window is read from its first page.
 */
import { LightningElement, api } from 'lwc';

/** A component read for one day: `asOf` ('YYYY-MM-DD'; default today). */
export class DatedView extends LightningElement {
  _asOf;

  /** Date the component is computed for ('YYYY-MM-DD'); default today. */
  @api
  get asOf() {
    return this._asOf;
  }
  set asOf(value) {
    this.changeReading('_asOf', value);
  }

  /** Keeps a new value of what the reads depend on in `field`, and then forgets what was read. */
  changeReading(field, value) {
    if (value !== this[field]) {
      this[field] = value;
      this.reset();
    }
  }

  /** Forgets what was read (each component says what). */
  reset() {}
}

/**
 * A component read for `periods` weekly periods up to `asOf`. The component declares the field
 * `_periods` with its default (`_periods = DEFAULT_PERIODS`), which makes it reactive.
 */
export class WindowedView extends DatedView {
  /** Snapshot periods (weeks) read. */
  @api
  get periods() {
    return this._periods;
  }
  set periods(value) {
    this.changeReading('_periods', value);
  }
}

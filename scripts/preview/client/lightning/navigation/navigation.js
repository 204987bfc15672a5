/**
 * The preview's `lightning/navigation`: page references become preview URLs. Record pages of
 * opportunities open the preview's record page; standard pages the preview does not have
 * (new Task, related lists) open a page that says which standard page an org would show.
 */
import { pageUrl } from '../../session';

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

function urlOf(pageReference) {
  const { type, attributes = {} } = pageReference || {};
  if (type === 'standard__recordPage' && attributes.recordId) {
    return pageUrl(`/record/${encodeURIComponent(attributes.recordId)}`);
  }
  return pageUrl('/standard', { ref: JSON.stringify(pageReference) });
}

export function NavigationMixin(Base) {
  return class extends Base {
    [Navigate](pageReference) {
      window.location.assign(urlOf(pageReference));
    }

    [GenerateUrl](pageReference) {
      return Promise.resolve(urlOf(pageReference));
    }
  };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export const CurrentPageReference = undefined;

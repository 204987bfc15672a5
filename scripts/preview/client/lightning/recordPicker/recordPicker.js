/**
 * The preview's `lightning-record-picker`: the records of `objectApiName` that match `filter`
 * (criteria joined by AND, as the platform's default), read as the acting user through the
 * same GraphQL path as the components, offered by name; `change` carries `detail.recordId`.
 */
import { LightningElement, api } from 'lwc';
import { callApi } from '../../session';

const OPERATORS = new Set(['eq', 'ne', 'lt', 'gt', 'lte', 'gte', 'like', 'in', 'nin']);

function whereOf(filter) {
  const criteria = (filter && filter.criteria) || [];
  const parts = criteria.map(({ fieldPath, operator, value }) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(fieldPath) || !OPERATORS.has(operator)) {
      throw new Error(`record picker: unsupported filter ${fieldPath} ${operator}`);
    }
    return `{ ${fieldPath}: { ${operator}: ${JSON.stringify(value)} } }`;
  });
  return parts.length ? `where: { and: [${parts.join(', ')}] }, ` : '';
}

export default class RecordPicker extends LightningElement {
  @api label;
  @api fieldLevelHelp;
  @api objectApiName;
  @api placeholder = 'Search…';

  options = [];
  currentFilter;
  selected;

  @api
  get value() {
    return this.selected;
  }
  set value(recordId) {
    this.selected = recordId;
  }

  @api
  get filter() {
    return this.currentFilter;
  }
  set filter(value) {
    this.currentFilter = value;
    if (this.isConnected) this.load();
  }

  connectedCallback() {
    this.load();
  }

  async load() {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(this.objectApiName || '')) return;
    const query = `query picker { uiapi { query { ${this.objectApiName}(${whereOf(
      this.currentFilter
    )}first: 2000, orderBy: { Name: { order: ASC } }) { edges { node { Id Name { value } } } } } } }`;
    const result = await callApi('POST', '/api/graphql', { query, variables: {} });
    const edges = result.data ? result.data.uiapi.query[this.objectApiName].edges : [];
    this.options = edges.map(({ node }) => ({ label: node.Name.value, value: node.Id }));
  }

  handleChange(event) {
    event.stopPropagation();
    this.selected = event.detail.value;
    this.dispatchEvent(new CustomEvent('change', { detail: { recordId: this.selected } }));
  }
}

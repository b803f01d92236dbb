import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { renderWidget } from './fixtures.js';
import type { Scenario, StoryGlobals } from './fixtures.js';

interface Args {
  scenario: Scenario;
}

const meta: Meta<Args> = {
  title: 'Widgets/kunta-notices',
  component: 'kunta-notices',
  tags: ['autodocs'],
  render: (args, { globals }) => renderWidget('kunta-notices', args.scenario, globals as StoryGlobals),
};
export default meta;
type Story = StoryObj<Args>;

export const Loading: Story = { args: { scenario: 'loading' } };
export const Info: Story = { args: { scenario: 'notices-info' } };
export const Warning: Story = { args: { scenario: 'notices-warning' } };
export const Critical: Story = {
  name: 'Critical (announced, cannot be hidden)',
  args: { scenario: 'notices-critical' },
};
export const Planned: Story = { name: 'Planned maintenance, before it starts', args: { scenario: 'notices-planned' } };
export const Outage: Story = { name: 'Outage (a source not answering)', args: { scenario: 'notices-outage' } };
export const Several: Story = { name: 'Several, most severe first', args: { scenario: 'notices-several' } };
export const Offline: Story = {
  name: 'API not answering: the saved copy, as of',
  args: { scenario: 'notices-offline' },
};
export const Failed: Story = { name: 'API not answering, nothing saved', args: { scenario: 'notices-failed' } };

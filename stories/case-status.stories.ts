import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { renderWidget } from './fixtures.js';
import type { Scenario, StoryGlobals } from './fixtures.js';

interface Args {
  scenario: Scenario;
}

const meta: Meta<Args> = {
  title: 'Widgets/kunta-case-status',
  component: 'kunta-case-status',
  tags: ['autodocs'],
  render: (args, { globals }) => renderWidget('kunta-case-status', args.scenario, globals as StoryGlobals),
};
export default meta;
type Story = StoryObj<Args>;

export const SignedOut: Story = { args: { scenario: 'signed-out' } };
export const Loading: Story = { args: { scenario: 'loading' } };
export const Empty: Story = { args: { scenario: 'empty' } };
export const List: Story = { args: { scenario: 'list' } };
export const Partial: Story = { name: 'Partial (stale and unavailable sources)', args: { scenario: 'partial' } };
export const LoadError: Story = { name: 'Error', args: { scenario: 'error' } };
export const ActionFirst: Story = { name: 'Action first, with the summary', args: { scenario: 'mixed' } };

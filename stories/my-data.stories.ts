import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { renderWidget } from './fixtures.js';
import type { Scenario, StoryGlobals } from './fixtures.js';

interface Args {
  scenario: Scenario;
}

const meta: Meta<Args> = {
  title: 'Widgets/kunta-my-data',
  component: 'kunta-my-data',
  tags: ['autodocs'],
  render: (args, { globals }) => renderWidget('kunta-my-data', args.scenario, globals as StoryGlobals),
};
export default meta;
type Story = StoryObj<Args>;

export const SignedOut: Story = { args: { scenario: 'signed-out' } };
export const Loading: Story = { args: { scenario: 'loading' } };
export const Empty: Story = { name: 'Empty (nothing used or stored yet)', args: { scenario: 'empty' } };
export const List: Story = { name: 'Own data', args: { scenario: 'list' } };
export const Guardian: Story = {
  name: "A guardian, with a child's rows and older pages",
  args: { scenario: 'guardian' },
};
export const LoadError: Story = { name: 'Error', args: { scenario: 'error' } };

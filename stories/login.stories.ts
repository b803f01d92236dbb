import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { renderWidget } from './fixtures.js';
import type { Scenario, StoryGlobals } from './fixtures.js';

interface Args {
  scenario: Scenario;
}

const meta: Meta<Args> = {
  title: 'Widgets/kunta-login',
  component: 'kunta-login',
  tags: ['autodocs'],
  render: (args, { globals }) => renderWidget('kunta-login', args.scenario, globals as StoryGlobals),
};
export default meta;
type Story = StoryObj<Args>;

export const SignedOut: Story = { args: { scenario: 'signed-out' } };
export const Loading: Story = { name: 'Loading (checking the session)', args: { scenario: 'checking' } };
export const SignedIn: Story = { args: { scenario: 'signed-in' } };
export const SignInError: Story = { name: 'Error (sign-in failed)', args: { scenario: 'sign-in-failed' } };
export const SignInCancelled: Story = {
  name: 'Notice (sign-in cancelled at the identity provider)',
  args: { scenario: 'sign-in-cancelled' },
};

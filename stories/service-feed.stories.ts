import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { renderWidget } from './fixtures.js';
import type { Scenario, StoryGlobals } from './fixtures.js';

interface Args {
  scenario: Scenario;
}

const meta: Meta<Args> = {
  title: 'Widgets/kunta-service-feed',
  component: 'kunta-service-feed',
  tags: ['autodocs'],
  render: (args, { globals }) => renderWidget('kunta-service-feed', args.scenario, globals as StoryGlobals),
};
export default meta;
type Story = StoryObj<Args>;

export const SignedOut: Story = { name: 'Signed out (general feed)', args: { scenario: 'signed-out' } };
export const NoConsent: Story = { name: 'Signed in, consent not given', args: { scenario: 'no-consent' } };
export const Loading: Story = { args: { scenario: 'loading' } };
export const Empty: Story = { args: { scenario: 'empty' } };
export const List: Story = { name: 'List (personal feed)', args: { scenario: 'list' } };
export const Partial: Story = { name: 'Partial (stale and unavailable sources)', args: { scenario: 'partial' } };
export const LoadError: Story = { name: 'Error', args: { scenario: 'error' } };
export const NothingPersonal: Story = {
  name: 'Consent given, nothing applies (general services only)',
  args: { scenario: 'nothing-personal' },
};
export const Channels: Story = {
  name: 'Ways to reach each service, and offer windows',
  args: { scenario: 'channels' },
};

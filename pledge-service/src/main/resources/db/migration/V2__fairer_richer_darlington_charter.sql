-- The network's charter as adopted in Darlington. The four pledges are those published by the Council;
-- the descriptions are this project's summary of each pledge's intent.
insert into charter (id, version, title, description, published_on) values
  ('fairer-richer-darlington', 1, 'Fairer, Richer Darlington',
   'The anchor network''s Community Wealth Building charter: organisations in Darlington pledge to keep wealth in the borough and tackle low incomes.',
   date '2019-11-11');

insert into charter_pledge (charter_id, code, title, description, position) values
  ('fairer-richer-darlington', 'keep-your-money-local', 'Keep your money local',
   'Spend with suppliers based in Darlington and the Tees Valley wherever value for money allows.', 1),
  ('fairer-richer-darlington', 'keep-your-eyes-and-ears-open', 'Keep your eyes & ears open',
   'Look out for people at risk of exploitation, hardship or harm and refer them to the right support.', 2),
  ('fairer-richer-darlington', 'tackling-low-incomes', 'Tackling low incomes',
   'Pay at least the real Living Wage and help employees and residents into better-paid work.', 3),
  ('fairer-richer-darlington', 'give-locally', 'Give locally',
   'Direct donations, grants and volunteering to Darlington''s voluntary and community sector.', 4);

// Names for the demo data, each with its Devanagari spelling. Made up combinations: no real person is meant.
export type NamePair = readonly [en: string, hi: string];

export const MALE: readonly NamePair[] = [
  ['Rajesh', 'राजेश'], ['Suresh', 'सुरेश'], ['Amit', 'अमित'], ['Anil', 'अनिल'], ['Sunil', 'सुनील'], ['Vijay', 'विजय'],
  ['Sanjay', 'संजय'], ['Rakesh', 'राकेश'], ['Manoj', 'मनोज'], ['Ashok', 'अशोक'], ['Ramesh', 'रमेश'], ['Deepak', 'दीपक'],
  ['Pankaj', 'पंकज'], ['Rahul', 'राहुल'], ['Vikas', 'विकास'], ['Alok', 'आलोक'], ['Arun', 'अरुण'], ['Ajay', 'अजय'],
  ['Naveen', 'नवीन'], ['Praveen', 'प्रवीण'], ['Santosh', 'संतोष'], ['Mahesh', 'महेश'], ['Dinesh', 'दिनेश'], ['Mukesh', 'मुकेश'],
  ['Rohit', 'रोहित'], ['Gaurav', 'गौरव'], ['Nitin', 'नितिन'], ['Sachin', 'सचिन'], ['Abhishek', 'अभिषेक'], ['Vivek', 'विवेक'],
  ['Harish', 'हरीश'], ['Girish', 'गिरीश'], ['Kamal', 'कमल'], ['Pradeep', 'प्रदीप'], ['Sandeep', 'संदीप'], ['Anand', 'आनंद'],
  ['Ravi', 'रवि'], ['Mohan', 'मोहन'], ['Venkatesh', 'वेंकटेश'], ['Subramanian', 'सुब्रमण्यम'], ['Arjun', 'अर्जुन'], ['Imran', 'इमरान'],
  ['Farhan', 'फ़रहान'], ['Joseph', 'जोसेफ़'], ['Gurpreet', 'गुरप्रीत'], ['Tarun', 'तरुण'], ['Yogesh', 'योगेश'], ['Sumit', 'सुमित'],
  ['Ankit', 'अंकित'], ['Bhupinder', 'भूपिंदर'], ['Lalit', 'ललित'], ['Hemant', 'हेमंत'], ['Jitendra', 'जितेंद्र'], ['Kishore', 'किशोर'],
];

export const FEMALE: readonly NamePair[] = [
  ['Sunita', 'सुनीता'], ['Anita', 'अनीता'], ['Kavita', 'कविता'], ['Neha', 'नेहा'], ['Pooja', 'पूजा'], ['Priya', 'प्रिया'],
  ['Rekha', 'रेखा'], ['Meena', 'मीना'], ['Seema', 'सीमा'], ['Rashmi', 'रश्मि'], ['Shalini', 'शालिनी'], ['Anjali', 'अंजलि'],
  ['Deepa', 'दीपा'], ['Geeta', 'गीता'], ['Lakshmi', 'लक्ष्मी'], ['Madhu', 'मधु'], ['Nisha', 'निशा'], ['Preeti', 'प्रीति'],
  ['Renu', 'रेणु'], ['Ritu', 'ऋतु'], ['Sarita', 'सरिता'], ['Swati', 'स्वाति'], ['Vandana', 'वंदना'], ['Usha', 'उषा'],
  ['Jyoti', 'ज्योति'], ['Monika', 'मोनिका'], ['Neelam', 'नीलम'], ['Poonam', 'पूनम'], ['Shweta', 'श्वेता'], ['Sneha', 'स्नेहा'],
  ['Divya', 'दिव्या'], ['Aarti', 'आरती'], ['Bhavna', 'भावना'], ['Archana', 'अर्चना'], ['Sangeeta', 'संगीता'], ['Asha', 'आशा'],
  ['Farah', 'फ़रहा'], ['Mary', 'मैरी'], ['Kamaljeet', 'कमलजीत'], ['Lalitha', 'ललिता'], ['Radha', 'राधा'], ['Shobha', 'शोभा'],
  ['Tanvi', 'तन्वी'], ['Ishita', 'इशिता'], ['Nandini', 'नंदिनी'], ['Pallavi', 'पल्लवी'], ['Smita', 'स्मिता'], ['Yamini', 'यामिनी'],
];

export const SURNAMES: readonly NamePair[] = [
  ['Sharma', 'शर्मा'], ['Verma', 'वर्मा'], ['Gupta', 'गुप्ता'], ['Singh', 'सिंह'], ['Kumar', 'कुमार'], ['Yadav', 'यादव'],
  ['Mishra', 'मिश्रा'], ['Pandey', 'पांडेय'], ['Tiwari', 'तिवारी'], ['Srivastava', 'श्रीवास्तव'], ['Joshi', 'जोशी'], ['Agarwal', 'अग्रवाल'],
  ['Jain', 'जैन'], ['Mehta', 'मेहता'], ['Shah', 'शाह'], ['Patel', 'पटेल'], ['Reddy', 'रेड्डी'], ['Rao', 'राव'],
  ['Nair', 'नायर'], ['Menon', 'मेनन'], ['Iyer', 'अय्यर'], ['Pillai', 'पिल्लई'], ['Das', 'दास'], ['Ghosh', 'घोष'],
  ['Banerjee', 'बनर्जी'], ['Chatterjee', 'चटर्जी'], ['Mukherjee', 'मुखर्जी'], ['Bose', 'बोस'], ['Sinha', 'सिन्हा'], ['Prasad', 'प्रसाद'],
  ['Chaudhary', 'चौधरी'], ['Rawat', 'रावत'], ['Negi', 'नेगी'], ['Bisht', 'बिष्ट'], ['Thakur', 'ठाकुर'], ['Chauhan', 'चौहान'],
  ['Rathore', 'राठौर'], ['Meena', 'मीणा'], ['Khan', 'ख़ान'], ['Ahmed', 'अहमद'], ['Ansari', 'अंसारी'], ['Siddiqui', 'सिद्दीक़ी'],
  ['D\'Souza', 'डिसूज़ा'], ['Thomas', 'थॉमस'], ['Gill', 'गिल'], ['Sandhu', 'संधू'], ['Bhatia', 'भाटिया'], ['Malhotra', 'मल्होत्रा'],
  ['Kapoor', 'कपूर'], ['Saxena', 'सक्सेना'], ['Dubey', 'दुबे'], ['Tripathi', 'त्रिपाठी'], ['Naidu', 'नायडू'], ['Hegde', 'हेगड़े'],
  ['Kulkarni', 'कुलकर्णी'], ['Deshpande', 'देशपांडे'], ['Patil', 'पाटिल'], ['Bhat', 'भट्ट'], ['Sahu', 'साहू'], ['Mahapatra', 'महापात्र'],
  ['Barua', 'बरुआ'], ['Lal', 'लाल'], ['Paswan', 'पासवान'], ['Kujur', 'कुजूर'], ['Lepcha', 'लेपचा'], ['Marak', 'मारक'],
];
